import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImageFile } from '../training/data/decodeNode';
import { toGrey } from './greyscale';
import { greyToPixels } from '../training/augment';
import { withBroaderPen } from '../testing/otherPen';
import { sharedDataset } from '../testing/sharedData';
import { PreprocessError, preprocess } from '.';
import { erodeInkMask } from './inkErosion';

const colSum = (m: Uint8Array, w: number, h: number, x: number) => {
  let s = 0;
  for (let y = 0; y < h; y++) s += m[y * w + x];
  return s;
};
const meanAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;

describe('erodeInkMask', () => {
  const w = 40;
  const h = 20;
  const bar = (thick: number) => {
    const m = new Uint8Array(w * h);
    for (let y = 5; y < 5 + thick; y++) for (let x = 5; x < 35; x++) m[y * w + x] = 1;
    return m;
  };
  it('takes a pixel off each side of a stroke per pass', () => {
    const m = bar(7);
    expect(colSum(erodeInkMask(m, w, h, 1), w, h, 20)).toBe(5);
    expect(colSum(erodeInkMask(m, w, h, 2), w, h, 20)).toBe(3);
    expect(colSum(m, w, h, 20)).toBe(7); // the input is left as it was
  });
  it('removes a stroke narrower than two passes plus one', () => {
    expect(erodeInkMask(bar(3), w, h, 2).reduce((s, v) => s + v, 0)).toBe(0);
    expect(erodeInkMask(bar(5), w, h, 2).reduce((s, v) => s + v, 0)).toBeGreaterThan(0);
  });
});

describe('preprocess erodeInk (a broader pen brought back to the references\' width)', () => {
  const page = decodeImageFile(join(sharedDataset('cedar-dev'), '031/genuine/01.png'));
  const broad = greyToPixels(withBroaderPen(toGrey(page), 1));
  it('brings the model input of a signature written a pixel broader closer to the original', () => {
    const clean = preprocess(page).data;
    const plain = preprocess(broad).data;
    const eroded = preprocess(broad, { erodeInk: 1 }).data;
    expect(meanAbsDiff(eroded, clean)).toBeLessThan(0.8 * meanAbsDiff(plain, clean));
  });
  it('keeps the broad strokes\' crop less the pen, whatever thin hairlines the erosion removes', () => {
    const a = preprocess(broad).box;
    const b = preprocess(broad, { erodeInk: 1 }).box;
    expect(b.x).toBe(a.x + 1);
    expect(b.width).toBe(a.width - 2);
  });
  it('refuses an erosion that leaves too little ink, with a clear message', () => {
    expect(() => preprocess(page, { erodeInk: 6 })).toThrow(PreprocessError);
    expect(() => preprocess(page, { erodeInk: 6 })).toThrow(/thinned to the references' pen/);
  });
});

describe('withBroaderPen (the test copies of a broader pen)', () => {
  it('broadens a one-pixel line by the radius on each side', () => {
    const w = 20;
    const h = 20;
    const data = new Float32Array(w * h).fill(1);
    for (let x = 2; x < 18; x++) data[10 * w + x] = 0;
    const out = withBroaderPen({ width: w, height: h, data }, 2).data;
    let col = 0;
    for (let y = 0; y < h; y++) col += out[y * w + 10] < 0.5 ? 1 : 0;
    expect(col).toBe(5);
    expect(data[9 * w + 10]).toBe(1); // the input is left as it was
  });
});
