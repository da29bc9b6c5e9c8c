Component({
  properties: { text: String }
});
