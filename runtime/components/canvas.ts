/**
 * canvas (300 × 150 by default): a real <canvas> inside <wx-canvas>.
 *  - type="2d" / "webgl": the program takes the canvas node from
 *    createSelectorQuery().select('#c').fields({node: true, size: true}) and sizes its backing
 *    store itself (width × pixelRatio); the element keeps its CSS size whatever it chooses. The node
 *    has WeChat's extras: createImage, requestAnimationFrame / cancelAnimationFrame, createPath2D.
 *  - legacy (canvas-id): wx.createCanvasContext records drawing calls; draw(reserve, callback)
 *    replays them (after loading any pictures) on a backing store of CSS size × devicePixelRatio.
 * Touch events carry WeChat's canvas touches: {identifier, x, y} relative to the canvas (mouse too);
 * disable-scroll keeps the page still while drawing.
 */
import { ApiFail, asyncApi } from '../api/callback.js';
import { provide } from '../api/media.js';
import type { Instance } from '../core/instance.js';
import { dispatchWxEvent, LONGPRESS_DELAY, type WxTouch } from '../render/events.js';
import { appUrl } from '../shell/assets.js';
import { inScope } from './mediaContext.js';
import { defineBuiltin } from './registry.js';
import { flag } from './util.js';

interface CanvasState {
  canvas: HTMLCanvasElement;
  type: string;
  /** Legacy canvases follow their CSS size; 2d/webgl ones keep what the program set. */
  sized: boolean;
}

const STATE = Symbol('wx2tg.canvas');

function dpr(): number {
  return window.devicePixelRatio || 1;
}

/** Gives a legacy canvas a backing store of its CSS size × devicePixelRatio. */
function fitLegacy(s: CanvasState): void {
  const c = s.canvas;
  const w = Math.round(c.clientWidth * dpr());
  const h = Math.round(c.clientHeight * dpr());
  if (w && h && (c.width !== w || c.height !== h)) {
    c.width = w;
    c.height = h;
  }
}

/** WeChat's canvas node extras on the real element. */
function addNodeApi(c: HTMLCanvasElement): void {
  Object.assign(c, {
    createImage: () => {
      const img = new Image();
      // Program paths (`/images/a.png`) resolve against the app, as everywhere else.
      const desc = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src')!;
      Object.defineProperty(img, 'src', { get: () => desc.get!.call(img), set: (v: string) => desc.set!.call(img, appUrl(String(v))) });
      return img;
    },
    requestAnimationFrame: (fn: FrameRequestCallback) => requestAnimationFrame(fn),
    cancelAnimationFrame: (id: number) => cancelAnimationFrame(id),
    createPath2D: (path?: Path2D | string) => new Path2D(path),
  });
}

// ---- touches -----------------------------------------------------------------------------------

function listenTouches(el: HTMLElement, s: CanvasState): void {
  const active = new Map<number, WxTouch & { x: number; y: number }>();
  let longpress: ReturnType<typeof setTimeout> | undefined;
  const touchOf = (e: PointerEvent): WxTouch & { x: number; y: number } => {
    const r = s.canvas.getBoundingClientRect();
    return { identifier: e.pointerId, x: e.clientX - r.left, y: e.clientY - r.top, pageX: e.pageX, pageY: e.pageY, clientX: e.clientX, clientY: e.clientY };
  };
  const send = (type: string, e: PointerEvent): void => {
    const t = touchOf(e);
    if (type === 'touchend' || type === 'touchcancel') active.delete(e.pointerId);
    else active.set(e.pointerId, t);
    dispatchWxEvent(el, type, {}, { touches: [...active.values()], changedTouches: [t] });
  };
  // The canvas answers pointers itself (its touches carry x/y), so they stop here.
  el.addEventListener('pointerdown', (e) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.stopPropagation();
    el.setPointerCapture?.(e.pointerId);
    send('touchstart', e);
    clearTimeout(longpress);
    const at = touchOf(e);
    longpress = setTimeout(() => dispatchWxEvent(el, 'longtap', { x: at.x, y: at.y }, { touches: [at], changedTouches: [at] }), LONGPRESS_DELAY);
  });
  el.addEventListener('pointermove', (e) => {
    if (!active.has(e.pointerId)) return;
    e.stopPropagation();
    const t = touchOf(e);
    const was = active.get(e.pointerId)!;
    if (Math.hypot(t.x - was.x, t.y - was.y) > 10) clearTimeout(longpress);
    send('touchmove', e);
  });
  const end = (type: string) => (e: PointerEvent) => {
    if (!active.has(e.pointerId)) return;
    e.stopPropagation();
    clearTimeout(longpress);
    send(type, e);
  };
  el.addEventListener('pointerup', end('touchend'));
  el.addEventListener('pointercancel', end('touchcancel'));
}

// ---- the legacy drawing API ------------------------------------------------------------------

type Op = [string, unknown[]];

interface GradientSpec {
  kind: 'linear' | 'radial';
  args: number[];
  stops: [number, string][];
  addColorStop(offset: number, color: string): void;
}

interface PatternSpec {
  pattern: string;
  repetition: string;
}

function gradient(kind: 'linear' | 'radial', args: number[]): GradientSpec {
  const g: GradientSpec = { kind, args, stops: [], addColorStop: (o, c) => void g.stops.push([o, c]) };
  return g;
}

/** Methods replayed as they are, under the same name on CanvasRenderingContext2D. */
const DIRECT = 'rect fillRect strokeRect clearRect fill stroke beginPath closePath moveTo lineTo arc arcTo quadraticCurveTo bezierCurveTo scale rotate translate clip fillText strokeText save restore setTransform transform'.split(' ');
/** WeChat's setters → the context property they set. */
const SETTERS: Record<string, string> = {
  setFillStyle: 'fillStyle',
  setStrokeStyle: 'strokeStyle',
  setLineWidth: 'lineWidth',
  setLineCap: 'lineCap',
  setLineJoin: 'lineJoin',
  setMiterLimit: 'miterLimit',
  setGlobalAlpha: 'globalAlpha',
  setTextAlign: 'textAlign',
  setTextBaseline: 'textBaseline',
};
const PROPS = 'fillStyle strokeStyle lineWidth lineCap lineJoin miterLimit lineDashOffset font globalAlpha globalCompositeOperation textAlign textBaseline shadowOffsetX shadowOffsetY shadowBlur shadowColor'.split(' ');

const imageCache = new Map<string, Promise<HTMLImageElement | null>>();

function loadImage(src: string): Promise<HTMLImageElement | null> {
  let p = imageCache.get(src);
  if (!p) {
    p = new Promise((resolve) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = () => resolve(null);
      img.src = appUrl(src);
    });
    imageCache.set(src, p);
  }
  return p;
}

class CanvasContext {
  private ops: Op[] = [];
  private fontSize = 10;
  private fontFamily = 'sans-serif';
  private state: Record<string, unknown> = {};
  /** draw() calls paint in the order they were made, whatever their pictures take to load. */
  private queue: Promise<unknown> = Promise.resolve();
  [key: string]: unknown;

  constructor(
    private readonly lookup: () => HTMLCanvasElement | null,
    readonly canvasId: string,
  ) {}

  setFontSize(size: number): void {
    this.fontSize = Number(size) || 10;
    this.ops.push(['font', [`${this.fontSize}px ${this.fontFamily}`]]);
  }
  setShadow(x: number, y: number, blur: number, color: string): void {
    this.ops.push(['shadowOffsetX', [x]], ['shadowOffsetY', [y]], ['shadowBlur', [blur]], ['shadowColor', [color ?? 'black']]);
  }
  setLineDash(pattern: number[], offset = 0): void {
    this.ops.push(['setLineDash', [pattern ?? []]], ['lineDashOffset', [offset]]);
  }
  createLinearGradient(x0: number, y0: number, x1: number, y1: number): GradientSpec {
    return gradient('linear', [x0, y0, x1, y1]);
  }
  createCircularGradient(x: number, y: number, r: number): GradientSpec {
    return gradient('radial', [x, y, 0, x, y, r]);
  }
  createRadialGradient(x0: number, y0: number, r0: number, x1: number, y1: number, r1: number): GradientSpec {
    return gradient('radial', [x0, y0, r0, x1, y1, r1]);
  }
  createPattern(image: string, repetition: string): PatternSpec {
    return { pattern: String(image), repetition: repetition || 'repeat' };
  }
  drawImage(image: string | CanvasImageSource, ...args: number[]): void {
    this.ops.push(['drawImage', [image, ...args]]);
  }
  measureText(text: string): TextMetrics {
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = String(this.state.font ?? `${this.fontSize}px ${this.fontFamily}`);
    return ctx.measureText(String(text));
  }
  getActions(): Op[] {
    return this.ops.slice();
  }
  /** Replays the recorded calls (after a clear unless `reserve`), then calls back. */
  draw(reserve = false, callback?: () => void): void {
    const ops = this.ops;
    this.ops = [];
    const urls = new Set<string>();
    for (const [m, a] of ops) {
      if (m === 'drawImage' && typeof a[0] === 'string') urls.add(a[0]);
      for (const v of a) if (v && typeof v === 'object' && 'pattern' in v) urls.add((v as PatternSpec).pattern);
    }
    const pictures = Promise.all([...urls].map((u) => loadImage(u).then((img) => [u, img] as const)));
    this.queue = this.queue.then(() => pictures).then((loaded) => {
      const images = new Map(loaded);
      const canvas = this.lookup();
      if (!canvas) {
        console.warn(`[wx2tg] canvas "${this.canvasId}" not found: nothing drawn`);
        return;
      }
      const s = (canvas.parentElement as any)?.[STATE] as CanvasState | undefined;
      if (s && !s.type) fitLegacy(s);
      const ctx = canvas.getContext('2d')!;
      // Drawing is in CSS pixels, as in WeChat; the backing store is devicePixelRatio finer.
      const ratio = canvas.width / (canvas.clientWidth || canvas.width || 1);
      if (!reserve) {
        // A fresh start: cleared, and every setting back to its default.
        canvas.width = canvas.width;
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      }
      const resolve = (v: unknown): unknown => {
        if (v && typeof v === 'object' && 'stops' in v) {
          const g = v as GradientSpec;
          const native = g.kind === 'linear' ? ctx.createLinearGradient(...(g.args as [number, number, number, number])) : ctx.createRadialGradient(...(g.args as [number, number, number, number, number, number]));
          for (const [o, c] of g.stops) native.addColorStop(o, c);
          return native;
        }
        if (v && typeof v === 'object' && 'pattern' in v) {
          const img = images.get((v as PatternSpec).pattern);
          return img ? ctx.createPattern(img, (v as PatternSpec).repetition) : 'transparent';
        }
        return v;
      };
      for (const [name, args] of ops) {
        try {
          if (name === 'drawImage') {
            const src = args[0];
            const img = typeof src === 'string' ? images.get(src) : (src as CanvasImageSource);
            if (img) (ctx.drawImage as (...a: unknown[]) => void)(img, ...args.slice(1));
          } else if (name === 'setTransform') {
            const [a, b, c, d, e, f] = args as number[];
            ctx.setTransform(a! * ratio, b! * ratio, c! * ratio, d! * ratio, e! * ratio, f! * ratio);
          } else if (PROPS.includes(name)) (ctx as any)[name] = resolve(args[0]);
          else (ctx as any)[name](...args);
        } catch (err) {
          console.warn(`[wx2tg] canvas "${this.canvasId}": ${name} failed`, err);
        }
      }
      callback?.();
    });
  }
}

for (const m of DIRECT) {
  (CanvasContext.prototype as any)[m] = function (this: { ops: Op[] }, ...args: unknown[]) {
    this.ops.push([m, args]);
  };
}
for (const [setter, prop] of Object.entries(SETTERS)) {
  (CanvasContext.prototype as any)[setter] = function (this: { ops: Op[]; state: Record<string, unknown> }, v: unknown) {
    this.state[prop] = v;
    this.ops.push([prop, [v]]);
  };
}
for (const prop of PROPS) {
  Object.defineProperty(CanvasContext.prototype, prop, {
    get(this: { state: Record<string, unknown> }) {
      return this.state[prop];
    },
    set(this: { ops: Op[]; state: Record<string, unknown> }, v: unknown) {
      this.state[prop] = v;
      this.ops.push([prop, [v]]);
    },
  });
}

/** The <canvas> of the <canvas canvas-id="…"> in a page or component. */
function canvasById(root: () => Element | null, canvasId: string, inst?: Instance): HTMLCanvasElement | null {
  return (inScope(root, `wx-canvas[canvas-id="${CSS.escape(String(canvasId))}"]`, inst)?.querySelector('canvas') as HTMLCanvasElement | null) ?? null;
}

provide('createCanvasContext', (canvasId: string, root: () => Element | null, inst?: Instance) => new CanvasContext(() => canvasById(root, canvasId, inst), String(canvasId)));

interface ToTempFileParams {
  canvasId?: string;
  canvas?: HTMLCanvasElement;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  destWidth?: number;
  destHeight?: number;
  fileType?: 'png' | 'jpg';
  quality?: number;
}

/** wx.canvasToTempFilePath(params, component): a region, in the canvas's CSS pixels, as a blob: URL. */
async function toTempFile(p: ToTempFileParams, root: () => Element | null, inst?: Instance): Promise<{ tempFilePath: string }> {
  const canvas = p.canvas instanceof HTMLCanvasElement ? p.canvas : p.canvasId != null ? canvasById(root, p.canvasId, inst) : null;
  if (!canvas) throw new ApiFail(p.canvasId != null ? `canvas "${p.canvasId}" not found` : 'parameter error: canvasId or canvas is required');
  // Backing-store pixels per CSS pixel: devicePixelRatio for a legacy canvas, what the program chose for a 2d one.
  const ratio = canvas.width / (canvas.clientWidth || canvas.width || 1);
  const cssW = canvas.width / ratio;
  const cssH = canvas.height / ratio;
  const x = Number(p.x) || 0;
  const y = Number(p.y) || 0;
  const w = Math.max(1, Math.min(cssW - x, Number(p.width) || cssW - x));
  const h = Math.max(1, Math.min(cssH - y, Number(p.height) || cssH - y));
  const out = document.createElement('canvas');
  out.width = Math.round(Number(p.destWidth) || w * ratio);
  out.height = Math.round(Number(p.destHeight) || h * ratio);
  const ctx = out.getContext('2d')!;
  const jpg = p.fileType === 'jpg';
  if (jpg) {
    // JPEG has no transparency: white there, as WeChat's exports.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, out.width, out.height);
  }
  ctx.drawImage(canvas, x * ratio, y * ratio, w * ratio, h * ratio, 0, 0, out.width, out.height);
  const blob = await new Promise<Blob | null>((resolve) => {
    try {
      out.toBlob(resolve, jpg ? 'image/jpeg' : 'image/png', Math.min(1, Math.max(0, p.quality ?? 1)));
    } catch {
      resolve(null); // a canvas showing pictures from another origin cannot be read
    }
  });
  if (!blob) throw new ApiFail('the canvas cannot be exported (it shows pictures from another origin)');
  return { tempFilePath: URL.createObjectURL(blob) };
}

provide('canvasToTempFilePath', (params: ToTempFileParams, root: () => Element | null, inst?: Instance) =>
  asyncApi('canvasToTempFilePath', (p: ToTempFileParams) => toTempFile(p, root, inst))(params as any),
);

// ---- the component -----------------------------------------------------------------------------

defineBuiltin('canvas', {
  create(el) {
    const canvas = document.createElement('canvas');
    canvas.className = 'wx-canvas__canvas';
    el.appendChild(canvas);
    const s: CanvasState = { canvas, type: '', sized: false };
    (el as any)[STATE] = s;
    addNodeApi(canvas);
    listenTouches(el, s);
    new ResizeObserver(() => {
      if (!s.type) fitLegacy(s);
      else if (!s.sized && canvas.width === 300 && canvas.height === 150) {
        // A node the program has not sized yet starts at its CSS size (as WeChat's does).
        s.sized = true;
        canvas.width = Math.round(canvas.clientWidth) || 300;
        canvas.height = Math.round(canvas.clientHeight) || 150;
      }
    }).observe(canvas);
  },
  set(el, name, value) {
    const s = (el as any)[STATE] as CanvasState;
    switch (name) {
      case 'type':
        s.type = value == null ? '' : String(value);
        el.setAttribute('type', s.type);
        return true;
      case 'canvas-id':
        el.setAttribute('canvas-id', String(value ?? ''));
        return true;
      case 'disable-scroll':
        el.toggleAttribute('disable-scroll', flag(value));
        return true;
      case 'hidpi':
        return true;
    }
    return false;
  },
});
