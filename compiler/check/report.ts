/**
 * The report `wx2tg check` produces; `--json` prints it as is. Its form is a contract (docs/cli.md
 * describes it): fields are only ever added, and `schema` changes when one changes meaning.
 */
import type { SupportStatus } from '../../common/builtinAttributes.js';

export const REPORT_SCHEMA = 'wx2tg-check/1';

/** What an item is, in the order reports list them. */
export const KINDS = ['api', 'component', 'attribute', 'config'] as const;
export type ItemKind = (typeof KINDS)[number];

/** From best to worst. */
export const STATUSES: readonly SupportStatus[] = ['supported', 'partial', 'unsupported'];

export interface Location {
  /** From the program root, with '/'. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export interface CheckItem {
  kind: ItemKind;
  /**
   * api: `wx.name`, or `wx.name({ param })` for a parameter that does not work;
   * component: the tag; attribute: `tag.attribute`, or `tag.attribute.value` for a literal value
   * of an enumerated attribute (wx.canIUse's form); config: the option's key path
   * (`window.navigationBarTitleText`, `tabBar.position`).
   */
  name: string;
  status: SupportStatus;
  /** partial: what differs; unsupported: why. */
  note?: string;
  /** Every place it is used, in file, line, column order. */
  uses: Location[];
}

/** Distinct items of each status, and their uses in all. */
export interface Counts {
  supported: number;
  partial: number;
  unsupported: number;
  uses: number;
}

export interface CheckReport {
  schema: typeof REPORT_SCHEMA;
  /** Absolute path of the program root (the folder holding app.json). */
  program: string;
  summary: Record<ItemKind | 'total', Counts>;
  /** By kind, then worst status first, then name. */
  items: CheckItem[];
}
