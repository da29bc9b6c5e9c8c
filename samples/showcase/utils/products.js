// The catalogue. Prices are in Telegram Stars.
module.exports = [
  { id: 'tea', name: 'Green tea', price: 12, desc: 'Spring harvest, 100 g', image: '/images/products/tea.png', tags: ['organic', 'loose leaf'] },
  { id: 'mug', name: 'Clay mug', price: 30, desc: 'Hand thrown, 300 ml', image: '/images/products/mug.png', tags: ['handmade', 'stoneware', 'dishwasher safe'] },
  { id: 'fan', name: 'Paper fan', price: 8, desc: 'Folding, bamboo ribs', image: '/images/products/fan.png', tags: ['bamboo', 'handmade'] },
  { id: 'ink', name: 'Ink stick', price: 25, desc: 'Pine soot, carved box', image: '/images/products/ink.png', tags: ['calligraphy'] }
];
