import type { PixelImage } from '../preprocessing';
import { Rng } from '../training/data/random';
import { padLook, scanLook, type Domain } from './appearance';
import { FONT_FAMILIES, type Script } from './fonts';
import { addBlobs, boxBlur, smoothField, threshold, warp, type InkMask } from './inkField';
import { renderName, RENDER_HEIGHT, RENDER_WIDTH, type CanvasFactory } from './renderName';
import { jitterStyle, randomWriterStyle, skilledForgeryStyle, type ForgeryDefects, type WriterStyle } from './writerStyle';

/** How many signatures each synthetic writer gets. */
export interface WriterCounts {
  genuine: number;
  /** Skilled forgeries: the writer's shape, with a forger's defects. */
  skilled: number;
  /** The writer's name written in another writer's style. */
  otherStyle: number;
}

export const DEFAULT_COUNTS: WriterCounts = { genuine: 8, skilled: 4, otherStyle: 2 };

/** One signature before its appearance (scan or pad) is chosen: ink and pen pressure. */
export interface InkSample {
  kind: 'genuine' | 'forged';
  forgery?: 'skilled' | 'other-style';
  /** Index within its kind. */
  index: number;
  ink: InkMask;
  /** Pen pressure around its mean, in [-0.5, 0.5]. */
  pressure: Float32Array;
  /** Seed of the appearance (paper, noise, pen type), fixed per signature. */
  lookSeed: number;
}

/** Mixes integers into a 32-bit seed (deterministic, well spread). */
export function mixSeed(...xs: number[]): number {
  let h = 0x811c9dc5;
  for (const x of xs) {
    h = Math.imul(h ^ (x >>> 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
  }
  return h >>> 0;
}

export const writerId = (index: number) => `S${String(index).padStart(5, '0')}`;

/** The style of synthetic writer `index` under `seed`. */
export function writerStyleFor(seed: number, index: number, scripts?: readonly Script[]): WriterStyle {
  return randomWriterStyle(new Rng(mixSeed(seed, index, 1)), undefined, undefined, scripts);
}

const NO_DEFECTS: ForgeryDefects = { tremor: 0, smooth: 0, blobs: 0 };

/** Draws one signature: render, natural deformation (elastic + baseline), forger's defects, pressure. */
function inkFor(createCanvas: CanvasFactory, rng: Rng, style: WriterStyle, defects: ForgeryDefects, variability: number): { ink: InkMask; pressure: Float32Array } {
  const W = RENDER_WIDTH, H = RENDER_HEIGHT;
  let ink = renderName(createCanvas, style);
  const amp = 1.6 * variability;
  const dx = smoothField(rng, W, H, 8, 3, amp);
  const dy = smoothField(rng, W, H, 8, 3, amp);
  const { amp: bAmp, freq, phase } = style.baseline;
  for (let y = 0, i = 0; y < H; y++) for (let x = 0; x < W; x++, i++) dy[i] += bAmp * Math.sin((2 * Math.PI * freq * x) / W + phase);
  if (defects.tremor > 0) {
    const tx = smoothField(rng, W, H, 60, 24, defects.tremor);
    const ty = smoothField(rng, W, H, 60, 24, defects.tremor);
    for (let i = 0; i < dx.length; i++) {
      dx[i] += tx[i];
      dy[i] += ty[i];
    }
  }
  ink = warp(ink, dx, dy);
  if (defects.smooth > 0) ink = threshold(boxBlur(ink, defects.smooth), 0.42, 0.12);
  if (defects.blobs > 0) ink = addBlobs(rng, ink, defects.blobs, 1.6 + 0.5 * style.penWidth + 0.02 * style.fontPx);
  const p = smoothField(rng, W, H, style.pressure.cells, 2, style.pressure.contrast * 0.5);
  for (let i = 0; i < p.length; i++) p[i] = Math.max(-0.5, Math.min(0.5, p[i]));
  return { ink, pressure: p };
}

/**
 * Every signature of synthetic writer `index`: `genuine` natural variations of the writer's
 * style, `skilled` forgeries (same shape, forger's defects) and `otherStyle` forgeries (the
 * name in another writer's hand). Deterministic in (seed, index, counts).
 */
export function writerInk(createCanvas: CanvasFactory, seed: number, index: number, counts: WriterCounts = DEFAULT_COUNTS, scripts?: readonly Script[]): InkSample[] {
  const style = writerStyleFor(seed, index, scripts);
  const script = FONT_FAMILIES[style.font].script;
  const out: InkSample[] = [];
  const at = (kind: number, i: number) => new Rng(mixSeed(seed, index, 2, kind, i));
  for (let i = 0; i < counts.genuine; i++) {
    const rng = at(0, i);
    out.push({ kind: 'genuine', index: i, ...inkFor(createCanvas, rng, jitterStyle(rng, style), NO_DEFECTS, style.variability), lookSeed: mixSeed(seed, index, 3, 0, i) });
  }
  for (let i = 0; i < counts.skilled; i++) {
    const rng = at(1, i);
    const f = skilledForgeryStyle(rng, style);
    out.push({ kind: 'forged', forgery: 'skilled', index: i, ...inkFor(createCanvas, rng, f.style, f.defects, Math.max(1, style.variability)), lookSeed: mixSeed(seed, index, 3, 1, i) });
  }
  for (let i = 0; i < counts.otherStyle; i++) {
    const rng = at(2, i);
    const other = randomWriterStyle(rng, style.text, script);
    out.push({ kind: 'forged', forgery: 'other-style', index: counts.skilled + i, ...inkFor(createCanvas, rng, jitterStyle(rng, other), NO_DEFECTS, other.variability), lookSeed: mixSeed(seed, index, 3, 2, i) });
  }
  return out;
}

/** The signature as a grey image in the given domain (deterministic per signature and domain). */
export function renderSample(s: InkSample, domain: Domain): PixelImage {
  const rng = new Rng(mixSeed(s.lookSeed, domain === 'scan' ? 11 : 12));
  return domain === 'scan' ? scanLook(rng, s.ink, s.pressure) : padLook(rng, s.ink, s.pressure);
}
