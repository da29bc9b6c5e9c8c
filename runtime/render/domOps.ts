/**
 * Every DOM write the template engine makes goes through here, so tests can count them
 * ("one setData path → one DOM write" is asserted, not hoped) and benchmarks can see them.
 */
export interface DomOpLog {
  inserts: number;
  removes: number;
  texts: number;
  attrs: number;
}

export const domOps = {
  /** Attribute/property writes (ElementPart counts these itself). */
  count: 0,
  inserts: 0,
  removes: 0,
  texts: 0,
  insert(parent: Node, node: Node, before: Node | null): void {
    this.inserts++;
    parent.insertBefore(node, before);
  },
  remove(node: Node): void {
    this.removes++;
    node.parentNode?.removeChild(node);
  },
  setText(node: Text, value: string): void {
    this.texts++;
    node.data = value;
  },
  /** Returns the counts since the last reset and resets them. */
  take(): DomOpLog {
    const log = { inserts: this.inserts, removes: this.removes, texts: this.texts, attrs: this.count };
    this.inserts = this.removes = this.texts = this.count = 0;
    return log;
  },
};
