Page({
  data: {
    families: [
      { path: 'basic', name: 'Basic content', tags: 'view · text · icon · progress · rich-text' },
      { path: 'form', name: 'Forms', tags: 'button · checkbox · radio · switch · slider · input · textarea · picker · picker-view · form' },
      { path: 'media', name: 'Media', tags: 'image · video · audio · canvas · camera' },
      { path: 'layout', name: 'Layout', tags: 'scroll-view · swiper · movable-area · cover-view' },
      { path: 'open', name: 'Open abilities', tags: 'map · open-data · ad · official-account · live-player' },
    ],
  },
});
