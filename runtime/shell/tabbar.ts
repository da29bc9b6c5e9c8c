/**
 * The tabBar from app.json: items with text and icons, colours, border, position top/bottom,
 * badges and red dots. It shows on tab pages only; tapping an item switches tabs.
 */
import { themed } from './theme.js';

export interface TabBarItem {
  pagePath: string;
  text?: string;
  iconPath?: string;
  selectedIconPath?: string;
}

export interface TabBarConfig {
  color?: string;
  selectedColor?: string;
  backgroundColor?: string;
  borderStyle?: 'black' | 'white';
  position?: 'bottom' | 'top';
  custom?: boolean;
  list: TabBarItem[];
}

interface ItemView {
  el: HTMLElement;
  icon: HTMLImageElement | null;
  text: HTMLElement;
  badge: HTMLElement;
}

export class TabBar {
  readonly el: HTMLElement;
  private readonly items: ItemView[] = [];
  private selected = -1;
  private hiddenByApi = false;

  constructor(
    root: HTMLElement,
    readonly config: TabBarConfig,
    onTap: (index: number) => void,
  ) {
    const el = document.createElement('wx-tab-bar');
    el.setAttribute('role', 'tablist');
    el.setAttribute('position', config.position === 'top' ? 'top' : 'bottom');
    config.list.forEach((item, index) => {
      const itemEl = document.createElement('div');
      itemEl.className = 'wx-tab-bar__item';
      itemEl.setAttribute('role', 'tab');
      itemEl.dataset.pagePath = item.pagePath;
      const iconWrap = document.createElement('div');
      iconWrap.className = 'wx-tab-bar__icon';
      let icon: HTMLImageElement | null = null;
      if (item.iconPath && config.position !== 'top') {
        icon = document.createElement('img');
        icon.alt = '';
        iconWrap.appendChild(icon);
      }
      const badge = document.createElement('span');
      badge.className = 'wx-tab-bar__badge';
      badge.hidden = true;
      iconWrap.appendChild(badge);
      const text = document.createElement('div');
      text.className = 'wx-tab-bar__text';
      itemEl.append(iconWrap, text);
      itemEl.addEventListener('click', () => onTap(index));
      el.appendChild(itemEl);
      this.items.push({ el: itemEl, icon, text, badge });
    });
    this.el = el;
    this.applyStyle();
    this.renderItems();
    el.hidden = true;
    root.appendChild(el);
  }

  indexOf(path: string): number {
    return this.config.list.findIndex((i) => i.pagePath === path);
  }

  /** Re-reads themed values (darkmode switched). */
  refresh(): void {
    this.applyStyle();
    this.renderItems();
  }

  private applyStyle(): void {
    const c = this.config;
    this.el.style.backgroundColor = themed(c.backgroundColor) ?? '#ffffff';
    this.el.style.setProperty('--wx-tab-border', themed(c.borderStyle) === 'white' ? 'rgba(255,255,255,0.33)' : 'rgba(0,0,0,0.33)');
  }

  private renderItems(): void {
    const c = { ...this.config, color: themed(this.config.color), selectedColor: themed(this.config.selectedColor) };
    this.config.list.forEach((item, i) => {
      const view = this.items[i]!;
      const on = i === this.selected;
      view.el.setAttribute('aria-selected', String(on));
      view.text.textContent = item.text ?? '';
      view.text.style.color = (on ? c.selectedColor : c.color) ?? (on ? '#07c160' : '#7a7e83');
      if (view.icon) {
        const src = themed(on && item.selectedIconPath ? item.selectedIconPath : item.iconPath);
        if (src && view.icon.getAttribute('src') !== src) view.icon.src = src;
      }
    });
  }

  /** Shows the bar with `path` selected, or hides it on pages that are not tabs. */
  select(path: string | null): void {
    const index = path === null ? -1 : this.indexOf(path);
    this.selected = index;
    this.el.hidden = index < 0 || this.hiddenByApi;
    document.documentElement.classList.toggle('wx-has-tab-bar', !this.el.hidden);
    document.documentElement.classList.toggle('wx-tab-bar-top', !this.el.hidden && this.config.position === 'top');
    this.renderItems();
  }

  setBadge(index: number, text: string | null, dot = false): void {
    const badge = this.items[index]!.badge;
    badge.hidden = text === null && !dot;
    badge.classList.toggle('wx-tab-bar__badge--dot', dot);
    badge.textContent = dot ? '' : (text ?? '');
  }

  setVisible(visible: boolean): void {
    this.hiddenByApi = !visible;
    this.select(this.selected >= 0 ? this.config.list[this.selected]!.pagePath : null);
  }

  setStyle(style: Partial<Pick<TabBarConfig, 'color' | 'selectedColor' | 'backgroundColor' | 'borderStyle'>>): void {
    Object.assign(this.config, style);
    this.applyStyle();
    this.renderItems();
  }

  setItem(index: number, item: Partial<TabBarItem>): void {
    Object.assign(this.config.list[index]!, item);
    this.renderItems();
  }

  get size(): number {
    return this.items.length;
  }
}
