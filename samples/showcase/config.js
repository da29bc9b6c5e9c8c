// Where the shop's back end runs: wx2tg's server kit, started with
//   BOT_TOKEN=… npx wx2tg serve --config server/wx2tg-server.json
// (wx2tg's docs/server.md). Put your server's https URL here, and in app.json "telegram.server",
// before you publish.
module.exports = {
  server: 'http://127.0.0.1:8787/wx2tg'
};
