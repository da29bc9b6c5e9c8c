// Page definitions that log their lifecycle as "<name>.<hook>" into getApp().globalData.log,
// in order, so the exact sequence can be read (and tested).
function logged(name, extra) {
  function log(page, hook, arg) {
    getApp().globalData.log.push(name(page) + '.' + hook + (arg ? ' ' + JSON.stringify(arg) : ''));
  }
  return Object.assign(
    {
      onLoad(query) {
        this.query = query;
        log(this, 'onLoad', query);
      },
      onShow() {
        log(this, 'onShow');
      },
      onReady() {
        log(this, 'onReady');
      },
      onHide() {
        log(this, 'onHide');
      },
      onUnload() {
        log(this, 'onUnload');
      },
    },
    extra,
  );
}
module.exports = { logged };
