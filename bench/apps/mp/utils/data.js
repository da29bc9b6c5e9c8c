// Row data for the js-framework-benchmark operations, shared by the three implementations
// (this mini-program, bench/apps/vanilla and bench/apps/react) so that they render exactly the
// same text: a seeded generator, so every fresh page produces the same labels in the same order.
var ADJECTIVES = ['pretty', 'large', 'big', 'small', 'tall', 'short', 'long', 'handsome', 'plain', 'quaint', 'clean', 'elegant', 'easy', 'angry', 'crazy', 'helpful', 'mushy', 'odd', 'unsightly', 'adorable', 'important', 'inexpensive', 'cheap', 'expensive', 'fancy'];
var COLOURS = ['red', 'yellow', 'blue', 'green', 'pink', 'brown', 'purple', 'brown', 'white', 'black', 'orange'];
var NOUNS = ['table', 'chair', 'house', 'bbq', 'desk', 'car', 'pony', 'cookie', 'sandwich', 'burger', 'pizza', 'mouse', 'keyboard'];

var seed = 1;
var nextId = 1;

// A small linear congruential generator: the same numbers on every page load.
function random(max) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % max;
}

function buildData(count) {
  var rows = new Array(count);
  for (var i = 0; i < count; i++) {
    rows[i] = {
      id: nextId++,
      label: ADJECTIVES[random(ADJECTIVES.length)] + ' ' + COLOURS[random(COLOURS.length)] + ' ' + NOUNS[random(NOUNS.length)]
    };
  }
  return rows;
}

module.exports = { buildData: buildData };
