Component({
  properties: {
    amount: { type: Number, value: 0 }
  }
});
