const pad = (n) => String(n).padStart(2, '0');

Page({
  data: {
    tapped: '',
    fruits: [
      { value: 'apple', name: 'Apple', checked: true },
      { value: 'pear', name: 'Pear' },
      { value: 'plum', name: 'Plum' },
    ],
    sizes: ['S', 'M', 'L'],
    volume: 50,
    name: '',
    countries: ['United Kingdom', 'Germany', 'Brazil', 'Japan', 'Kenya'],
    country: 0,
    date: '2026-06-15',
    time: '09:30',
    years: Array.from({ length: 11 }, (_, i) => 2020 + i),
    months: Array.from({ length: 12 }, (_, i) => pad(i + 1)),
    days: Array.from({ length: 31 }, (_, i) => pad(i + 1)),
    pv: [6, 5, 14],
    result: '',
  },
  tapped(e) {
    this.setData({ tapped: e.currentTarget.dataset.name });
  },
  onFruit(e) {
    this.fruit = e.detail.value;
  },
  onSwitch(e) {
    this.notify = e.detail.value;
  },
  onSliding(e) {
    this.setData({ volume: e.detail.value });
  },
  onSlid(e) {
    this.setData({ volume: e.detail.value });
  },
  onCountry(e) {
    this.setData({ country: Number(e.detail.value) });
  },
  onDate(e) {
    this.setData({ date: e.detail.value });
  },
  onTime(e) {
    this.setData({ time: e.detail.value });
  },
  onPickerView(e) {
    this.setData({ pv: e.detail.value });
  },
  onSubmit(e) {
    this.setData({ result: JSON.stringify(e.detail.value) });
  },
  onReset() {
    this.setData({ result: 'reset' });
  },
});
