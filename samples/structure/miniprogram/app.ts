const config = require('./config.json') as { currency: string };

interface GlobalData {
  currency: string;
  opened: number;
}

App<{ globalData: GlobalData }>({
  globalData: { currency: config.currency, opened: 0 },
});
