const extra = ['Another line of text.', 'And one more, added by setData.', 'Lines come and go with wx:for.'];

Page({
  data: {
    icons: ['success', 'success_no_circle', 'info', 'warn', 'waiting', 'cancel', 'download', 'search', 'clear'],
    percent: 20,
    count: 0,
    lines: '',
    html: '<h3 style="margin: 0 0 8px">A heading</h3><p style="margin: 0; line-height: 1.6">Rich text from an <b>HTML string</b>, with <i>italics</i>, <span style="color: #07c160">colour</span> and a list:</p><ul style="margin: 8px 0; padding-left: 20px"><li>trusted tags only</li><li>no scripts, no handlers</li></ul><script>alert("this never runs")</script>',
    nodes: [
      {
        name: 'div',
        attrs: { style: 'padding: 8px 12px; border-left: 3px solid #10aeff; background: #f3f9ff; color: #333; line-height: 1.5' },
        children: [{ type: 'text', text: 'A node array: ' }, { name: 'strong', children: [{ type: 'text', text: 'name, attrs, children' }] }],
      },
    ],
  },
  addLine() {
    const count = this.data.count + 1;
    this.setData({ count, lines: extra.slice(0, count).join('\n') });
  },
  removeLine() {
    const count = Math.max(0, this.data.count - 1);
    this.setData({ count, lines: extra.slice(0, count).join('\n') });
  },
  more() {
    this.setData({ percent: this.data.percent >= 100 ? 0 : this.data.percent + 10 });
  },
});
