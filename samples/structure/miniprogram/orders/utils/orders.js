// resolveAlias: "~/*" maps to the program root.
const format = require('~/utils/format.js');

exports.sample = function () {
  return [
    { id: 'A-1', day: format.pad(3), amount: 500 },
    { id: 'A-2', day: format.pad(14), amount: 1250 }
  ];
};
