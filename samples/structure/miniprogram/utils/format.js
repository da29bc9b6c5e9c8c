// A CommonJS utility, as most mini-programs have.
function pad(n) {
  return n < 10 ? '0' + n : String(n);
}
function formatTime(date) {
  return [date.getFullYear(), pad(date.getMonth() + 1), pad(date.getDate())].join('-');
}
module.exports = { pad: pad, formatTime: formatTime };
