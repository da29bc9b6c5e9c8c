/**
 * wx.createAnimation: the chainable Animation whose export() a template binds to an element's
 * `animation` attribute (`<view animation="{{anim}}">`). Each step() is one CSS transition with
 * its own duration, timing function, delay and transform origin; steps run one after another.
 * Lengths given as numbers are px; angles are degrees, as WeChat documents them.
 */
export interface AnimationOptions {
  duration?: number;
  timingFunction?: string;
  delay?: number;
  transformOrigin?: string;
}

export interface AnimationAction {
  animates: { type: string; args: unknown[] }[];
  option: { transition: { duration: number; timingFunction: string; delay: number }; transformOrigin: string; transform?: unknown };
}

const STYLE = ['opacity', 'backgroundColor', 'width', 'height', 'left', 'top', 'right', 'bottom'];
const TRANSFORM = [
  'rotate', 'rotateX', 'rotateY', 'rotateZ', 'rotate3d', 'scale', 'scaleX', 'scaleY', 'scaleZ', 'scale3d',
  'translate', 'translateX', 'translateY', 'translateZ', 'translate3d', 'skew', 'skewX', 'skewY', 'matrix', 'matrix3d',
];

export class Animation {
  private pending: { type: string; args: unknown[] }[] = [];
  private actions: AnimationAction[] = [];
  constructor(private readonly defaults: Required<AnimationOptions>) {
    for (const type of [...STYLE, ...TRANSFORM]) {
      (this as any)[type] = (...args: unknown[]): Animation => {
        this.pending.push({ type: type === 'backgroundColor' ? 'style' : STYLE.includes(type) ? 'style' : type, args: STYLE.includes(type) ? [type, args[0]] : args });
        return this;
      };
    }
  }
  step(options: AnimationOptions = {}): Animation {
    const o = { ...this.defaults, ...options };
    this.actions.push({
      animates: this.pending,
      option: { transition: { duration: o.duration, timingFunction: o.timingFunction, delay: o.delay }, transformOrigin: o.transformOrigin },
    });
    this.pending = [];
    return this;
  }
  /** The steps so far, for a template's animation attribute; the animation starts empty again. */
  export(): { actions: AnimationAction[] } {
    const actions = this.actions;
    this.actions = [];
    return { actions };
  }
}

export function createAnimation(options: AnimationOptions = {}): Animation {
  return new Animation({
    duration: options.duration ?? 400,
    timingFunction: options.timingFunction ?? 'linear',
    delay: options.delay ?? 0,
    transformOrigin: options.transformOrigin ?? '50% 50% 0',
  });
}
