import type { Rng } from '../training/data/random';
import { FONT_FAMILIES, SCRIPT_WEIGHTS, type Script } from './fonts';
import { randomSignatureText } from './names';

export type Flourish = 'none' | 'underline' | 'swoosh' | 'loop' | 'tail' | 'dots';

/** How one writer signs: fixed per writer, jittered per signature (see jitterStyle). */
export interface WriterStyle {
  text: string;
  /** Index into FONT_FAMILIES. */
  font: number;
  fontPx: number;
  /** Horizontal shear of the writing (positive leans right). */
  slant: number;
  /** Rotation of the whole signature, radians. */
  rotation: number;
  /** Width / height proportion of the writing. */
  xScale: number;
  /** Extra space between letters, px (Latin only). */
  letterSpacing: number;
  /** Baseline curve: vertical offset amp * sin(2 pi freq x / W + phase), px. */
  baseline: { amp: number; freq: number; phase: number };
  /** Extra outline width on the glyphs: the pen's nib, px. */
  penWidth: number;
  /** Pressure profile: how much stroke width and ink vary along the writing (0..1), and its scale. */
  pressure: { contrast: number; cells: number };
  flourish: Flourish;
  /** Flourish shape controls in [-1, 1]. */
  flourishShape: [number, number, number];
  /** How much this writer's signatures vary (1 = typical); some writers vary more than others. */
  variability: number;
}

/** A script by SCRIPT_WEIGHTS, or among `only` in the same proportions to each other. */
function pickScript(rng: Rng, only?: readonly Script[]): Script {
  const entries = (Object.entries(SCRIPT_WEIGHTS) as [Script, number][]).filter(([s]) => !only || only.includes(s));
  if (entries.length === 0) throw new RangeError(`no known script among ${only?.join(', ')}`);
  const total = entries.reduce((a, [, w]) => a + w, 0);
  let u = only ? rng.next() * total : rng.next();
  for (const [s, w] of entries) {
    if ((u -= w) < 0) return s;
  }
  return entries[0][0];
}

const FLOURISHES: Flourish[] = ['none', 'none', 'none', 'underline', 'swoosh', 'loop', 'tail', 'dots'];

/** A new writer's style: `text` given (forgery in another style) or drawn at random. */
export function randomWriterStyle(rng: Rng, text?: string, script?: Script, scripts?: readonly Script[]): WriterStyle {
  const s = script ?? pickScript(rng, scripts);
  const fonts = FONT_FAMILIES.map((f, i) => ({ f, i })).filter(({ f }) => f.script === s);
  const font = fonts[rng.int(fonts.length)].i;
  return {
    text: text ?? randomSignatureText(rng, s),
    font,
    fontPx: rng.uniform(60, 96),
    slant: rng.uniform(-0.2, 0.45),
    rotation: rng.uniform(-0.07, 0.07),
    xScale: rng.uniform(0.72, 1.35),
    letterSpacing: s === 'latin' ? rng.uniform(-2, 6) : 0,
    baseline: { amp: rng.uniform(0, 9), freq: rng.uniform(0.3, 1.6), phase: rng.uniform(0, 2 * Math.PI) },
    penWidth: rng.uniform(0, 3.2),
    pressure: { contrast: rng.uniform(0, 0.7), cells: 3 + rng.int(8) },
    flourish: FLOURISHES[rng.int(FLOURISHES.length)],
    flourishShape: [rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1)],
    variability: Math.exp(rng.uniform(Math.log(0.5), Math.log(1.7))),
  };
}

/** One genuine signature's style: the writer's, with small natural changes scaled by variability. */
export function jitterStyle(rng: Rng, w: WriterStyle): WriterStyle {
  const v = w.variability;
  const n = () => rng.normal() * v;
  return {
    ...w,
    fontPx: w.fontPx * (1 + 0.03 * n()),
    slant: w.slant + 0.035 * n(),
    rotation: w.rotation + 0.02 * n(),
    xScale: w.xScale * (1 + 0.04 * n()),
    letterSpacing: w.letterSpacing + 0.7 * n(),
    baseline: { amp: Math.max(0, w.baseline.amp * (1 + 0.2 * n())), freq: w.baseline.freq * (1 + 0.08 * n()), phase: w.baseline.phase + 0.25 * n() },
    penWidth: Math.max(0, w.penWidth * (1 + 0.1 * n())),
    flourishShape: w.flourishShape.map((c) => Math.max(-1, Math.min(1, c + 0.12 * n()))) as [number, number, number],
  };
}

/** How a skilled forger's copy departs from the writer: shape kept, dynamics and proportions off. */
export interface ForgeryDefects {
  /** Shaky line: amplitude of a fine displacement field, px (0 = none). */
  tremor: number;
  /** Over-smoothed, slowly drawn line: blur radius before re-thresholding (0 = none). */
  smooth: number;
  /** Ink blobs where the forger hesitated. */
  blobs: number;
}

/**
 * A skilled forgery: the writer's text, font and look, with two to four of: wrong proportions,
 * wrong slant or spacing, another pen, a changed flourish, a shaky or over-smooth line, blobs.
 */
export function skilledForgeryStyle(rng: Rng, w: WriterStyle): { style: WriterStyle; defects: ForgeryDefects } {
  const base = jitterStyle(rng, w);
  const style = { ...base, baseline: { ...base.baseline } };
  const defects: ForgeryDefects = { tremor: 0, smooth: 0, blobs: 0 };
  const sign = () => (rng.next() < 0.5 ? -1 : 1);
  const all = ['proportion', 'slant', 'spacing', 'pen', 'flourish', 'tremor', 'smooth', 'blobs', 'baseline'] as const;
  for (const kind of rng.sample(all, 2 + rng.int(3))) {
    switch (kind) {
      case 'proportion': style.xScale *= 1 + sign() * rng.uniform(0.08, 0.2); style.fontPx *= 1 + sign() * rng.uniform(0.05, 0.15); break;
      case 'slant': style.slant += sign() * rng.uniform(0.07, 0.18); break;
      case 'spacing': style.letterSpacing += sign() * rng.uniform(2, 5); break;
      case 'pen': style.penWidth = rng.next() < 0.5 ? style.penWidth * 0.4 : style.penWidth + rng.uniform(1.2, 2.5); break;
      case 'flourish': style.flourish = FLOURISHES[rng.int(FLOURISHES.length)]; style.flourishShape = [rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1)]; break;
      case 'tremor': defects.tremor = rng.uniform(0.7, 1.6); break;
      case 'smooth': defects.smooth = 2 + rng.int(2); break;
      case 'blobs': defects.blobs = 1 + rng.int(4); break;
      case 'baseline': style.baseline = { amp: rng.uniform(0, 12), freq: rng.uniform(0.3, 1.6), phase: rng.uniform(0, 2 * Math.PI) }; break;
    }
  }
  return { style, defects };
}
