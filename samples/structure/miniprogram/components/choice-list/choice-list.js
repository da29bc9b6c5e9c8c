// componentGenerics: the host picks how each choice renders (generic:choice="…"), else plain-option.
Component({
  properties: { items: Array }
});
