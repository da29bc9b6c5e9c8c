Component({
  options: { multipleSlots: true },
  properties: {
    badgeCount: { type: Number, value: 0 },
    tone: String,
  },
});
