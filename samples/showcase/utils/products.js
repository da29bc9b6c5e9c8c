// The catalogue. Prices are in Telegram Stars.
module.exports = [
  { id: 'tea', name: 'Green tea', price: 12, desc: 'Spring harvest, 100 g' },
  { id: 'mug', name: 'Clay mug', price: 30, desc: 'Hand thrown, 300 ml' },
  { id: 'fan', name: 'Paper fan', price: 8, desc: 'Folding, bamboo ribs' },
  { id: 'ink', name: 'Ink stick', price: 25, desc: 'Pine soot, carved box' }
];
