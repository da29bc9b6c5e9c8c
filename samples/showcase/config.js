// Where the shop's back end runs: wx2tg's server kit (`wx2tg serve`, see server/README.md).
// Change it to your server's https URL before you publish.
module.exports = {
  server: 'http://127.0.0.1:8787/wx2tg'
};
