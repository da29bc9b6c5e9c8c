// setData cost, flat form: 1,000 fields each bound once ({{f0}} … {{f999}}); the bench changes
// one of them. index.wxml (1,000 lines) is generated at bench time by bench/setdata.js.
const data = {};
for (let i = 0; i < 1000; i++) data['f' + i] = 'field ' + i;

Page({
  data: data
});
