Component({
  properties: { options: { type: Array, value: [] } },
});
