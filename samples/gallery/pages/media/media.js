Page({
  data: {
    modes: ['scaleToFill', 'aspectFit', 'aspectFill', 'center', 'top left', 'bottom right'],
    loaded: '',
    danmu: [{ text: 'First!', color: '#ffd166', time: 0 }],
    videoState: 'paused',
    audioState: 'paused',
    exported: '',
    cameraError: '',
  },
  onReady() {
    this.video = wx.createVideoContext('video');
    this.drawChart();
    this.pad = wx.createCanvasContext('pad');
    this.drawPadBackground();
  },
  onImageLoad(e) {
    this.setData({ loaded: `${e.detail.width} × ${e.detail.height}` });
  },
  play() {
    this.video.play();
  },
  pause() {
    this.video.pause();
  },
  seek() {
    this.video.seek(1);
  },
  danmu() {
    this.video.sendDanmu({ text: 'Hello from the gallery', color: '#ffffff' });
  },
  onVideo(e) {
    this.setData({ videoState: e.type });
  },
  onVideoTime(e) {
    this.setData({ videoState: `playing ${e.detail.currentTime.toFixed(1)} / ${e.detail.duration.toFixed(1)} s` });
  },
  onAudio(e) {
    this.setData({ audioState: e.type });
  },
  drawChart() {
    wx.createSelectorQuery().select('#chart').fields({ node: true, size: true }).exec((res) => {
      const { node: canvas, width, height } = res[0];
      const dpr = wx.getSystemInfoSync().pixelRatio;
      canvas.width = width * dpr;
      canvas.height = height * dpr;
      const ctx = canvas.getContext('2d');
      ctx.scale(dpr, dpr);
      const values = [42, 68, 35, 90, 57, 76];
      const colors = ['#07c160', '#10aeff', '#fa9d3b', '#576b95', '#fa5151', '#7bd88f'];
      const w = width / values.length;
      ctx.font = '12px sans-serif';
      ctx.textAlign = 'center';
      values.forEach((v, i) => {
        const h = ((height - 30) * v) / 100;
        ctx.fillStyle = colors[i];
        ctx.fillRect(i * w + w * 0.2, height - 20 - h, w * 0.6, h);
        ctx.fillStyle = '#666';
        ctx.fillText(String(v), i * w + w / 2, height - 4);
      });
      this.chartDrawn = true;
    });
  },
  drawPadBackground() {
    const ctx = this.pad;
    ctx.setFillStyle('#fbfbf7');
    ctx.fillRect(0, 0, 400, 400);
    ctx.setStrokeStyle('#e5e5e0');
    ctx.setLineWidth(1);
    for (let y = 40; y < 400; y += 40) {
      ctx.beginPath();
      ctx.moveTo(0, y);
      ctx.lineTo(400, y);
      ctx.stroke();
    }
    ctx.setFontSize(14);
    ctx.setFillStyle('#b0b0a8');
    ctx.fillText('Sign here', 12, 24);
    ctx.draw(false, () => (this.padReady = true));
  },
  padStart(e) {
    this.last = e.touches[0];
  },
  padMove(e) {
    const t = e.touches[0];
    const ctx = this.pad;
    ctx.setStrokeStyle('#1d3557');
    ctx.setLineWidth(3);
    ctx.setLineCap('round');
    ctx.beginPath();
    ctx.moveTo(this.last.x, this.last.y);
    ctx.lineTo(t.x, t.y);
    ctx.stroke();
    ctx.draw(true);
    this.last = t;
    this.strokes = (this.strokes || 0) + 1;
  },
  padEnd() {
    this.last = null;
  },
  clearPad() {
    this.strokes = 0;
    this.drawPadBackground();
    this.setData({ exported: '' });
  },
  exportPad() {
    wx.canvasToTempFilePath({
      canvasId: 'pad',
      success: (res) => this.setData({ exported: res.tempFilePath }),
    });
  },
  onCameraError(e) {
    this.setData({ cameraError: e.detail.errMsg });
  },
});
