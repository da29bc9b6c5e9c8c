Component({
  relations: { '../tag-group/tag-group': { type: 'parent' } },
  externalClasses: ['tag-class']
});
