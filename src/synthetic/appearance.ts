import { BASE_LINE_WIDTH } from '../capture/strokes';
import type { PixelImage } from '../preprocessing';
import type { Rng } from '../training/data/random';
import { boxBlur, smoothField, threshold, type InkMask } from './inkField';
import { drawPen, skeletonize } from './skeleton';

/** Scanned ink on paper, or drawn on the app's signature pad. */
export type Domain = 'scan' | 'pad';

const toPixels = (width: number, height: number, data: Uint8Array): PixelImage => ({ width, height, channels: 1, data });

/**
 * Ink on paper as a scanner sees it: variable stroke width and darkness following the pen
 * pressure, paper tone (white to grey, independent of genuine / forged), uneven lighting,
 * grain noise, a little blur and a few dust specks.
 */
export function scanLook(rng: Rng, ink: InkMask, pressure: Float32Array): PixelImage {
  const { width: w, height: h } = ink;
  // Stroke width follows pressure: a lower threshold on a blurred stroke widens it.
  const t = new Float32Array(w * h);
  for (let i = 0; i < t.length; i++) t[i] = 0.5 - 0.3 * pressure[i];
  const shaped = threshold(boxBlur(ink, 1), t, 0.18);
  const paper = rng.next() < 0.5 ? rng.uniform(225, 252) : rng.uniform(150, 230);
  const inkTone = rng.uniform(5, Math.min(120, paper - 90));
  const light = smoothField(rng, w, h, 2, 1, rng.uniform(0, 8));
  const grain = rng.uniform(0, 7);
  const blurR = rng.next() < 0.5 ? 1 : 0;
  const out = new Float32Array(w * h);
  for (let i = 0; i < out.length; i++) {
    const a = shaped.data[i] * Math.min(1, 0.8 + 0.35 * pressure[i] + 0.1);
    out[i] = (paper + light[i]) * (1 - a) + inkTone * a;
  }
  const blurred = blurR ? boxBlur({ width: w, height: h, data: out }, blurR).data : out;
  const px = new Uint8Array(w * h);
  for (let i = 0; i < px.length; i++) px[i] = Math.max(0, Math.min(255, Math.round(blurred[i] + rng.normal() * grain)));
  const specks = rng.next() < 0.3 ? 1 + rng.int(6) : 0;
  for (let k = 0; k < specks; k++) {
    const i = rng.int(w * h);
    px[i] = Math.round(inkTone + rng.uniform(0, 60));
  }
  return toPixels(w, h, px);
}

/**
 * The same signature as the app's pad draws it: the stroke's centre line redrawn as black on
 * white with the pad's line width (BASE_LINE_WIDTH); a mouse draws constant width, a pen or
 * finger varies with pressure as the pad does.
 */
export function padLook(rng: Rng, ink: InkMask, pressure: Float32Array): PixelImage {
  const { width: w, height: h } = ink;
  const line = skeletonize(ink);
  const base = BASE_LINE_WIDTH / 2;
  const withPressure = rng.next() < 0.5;
  const pen = drawPen(line, w, h, withPressure ? (i) => base * (0.35 + 1.3 * Math.min(1, Math.max(0, 0.5 + pressure[i]))) : () => base);
  const px = new Uint8Array(w * h);
  for (let i = 0; i < px.length; i++) px[i] = Math.round(255 * (1 - pen.data[i]));
  return toPixels(w, h, px);
}
