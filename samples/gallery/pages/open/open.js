Page({
  data: {
    center: { latitude: 51.5055, longitude: -0.0754 },
    markers: [
      { id: 1, latitude: 51.5055, longitude: -0.0754, title: 'Tower Bridge', callout: { content: 'Tower Bridge', display: 'ALWAYS' } },
      { id: 2, latitude: 51.5081, longitude: -0.0759, title: 'Tower of London', label: { content: 'Tower of London' } },
      { id: 3, latitude: 51.5045, longitude: -0.0865, title: 'The Shard', label: { content: 'The Shard' } },
    ],
    route: [{ points: [{ latitude: 51.5045, longitude: -0.0865 }, { latitude: 51.5055, longitude: -0.0754 }, { latitude: 51.5081, longitude: -0.0759 }], color: '#10aeff', width: 4 }],
    circles: [{ latitude: 51.5055, longitude: -0.0754, radius: 150, color: '#07c160', fillColor: 'rgba(7,193,96,0.12)' }],
    mapState: 'Tap a pin',
  },
  onMarker(e) {
    const m = this.data.markers.find((x) => x.id === e.detail.markerId);
    this.setData({ mapState: `Marker: ${m ? m.title : e.detail.markerId}` });
  },
  onMapTap(e) {
    this.setData({ mapState: `Tapped ${e.detail.latitude.toFixed(4)}, ${e.detail.longitude.toFixed(4)}` });
  },
});
