import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImageFile } from '../training/data/decodeNode';
import { wave } from '../testing/penStrokes';
import { sharedDataset } from '../testing/sharedData';
import { preprocess } from '.';
import { thinZhangSuen } from './strokeWidth';

const PP1 = { version: 'pp1-otsu-binary-96x192' } as const;
const PP2 = { version: 'pp2-centreline-96x192' } as const;


const sum = (a: Float32Array) => a.reduce((s, v) => s + v, 0);
const meanAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;

describe('stroke-width normalisation (pp2)', () => {
  it('thins a thick bar to a one-pixel line', () => {
    const w = 40;
    const h = 15;
    const mask = new Uint8Array(w * h);
    for (let y = 4; y < 11; y++) for (let x = 5; x < 35; x++) mask[y * w + x] = 1;
    thinZhangSuen(mask, w, h);
    for (let x = 10; x < 30; x++) {
      let col = 0;
      for (let y = 0; y < h; y++) col += mask[y * w + x];
      expect(col).toBe(1);
    }
    // Nothing outside the bar appears.
    for (let y = 0; y < 4; y++) for (let x = 0; x < w; x++) expect(mask[y * w + x]).toBe(0);
  });

  it('gives a thin pen and a thick pen nearly the same raster; pp1 does not', () => {
    const thin = wave(2);
    const thick = wave(8);
    const p1 = [preprocess(thin, PP1).data, preprocess(thick, PP1).data];
    const p2 = [preprocess(thin, PP2).data, preprocess(thick, PP2).data];
    expect(sum(p1[1]) / sum(p1[0])).toBeGreaterThan(2);
    const ratio2 = sum(p2[1]) / sum(p2[0]);
    expect(ratio2).toBeGreaterThan(0.85);
    expect(ratio2).toBeLessThan(1.15);
    expect(meanAbsDiff(p2[0], p2[1])).toBeLessThan(0.4 * meanAbsDiff(p1[0], p1[1]));
  });

  it('keeps a real signature on the same place and scale as pp1, with a fixed line width', () => {
    const img = decodeImageFile(join(sharedDataset('cedar-dev'), '001/genuine/01.png'));
    const a = preprocess(img, PP1);
    const b = preprocess(img, PP2);
    expect(b.box).toEqual(a.box);
    // Every pp2 ink pixel lies on or next to pp1 ink: same trajectory, same placement.
    const W = a.width;
    let far = 0;
    let ink = 0;
    for (let y = 1; y < a.height - 1; y++) {
      for (let x = 1; x < W - 1; x++) {
        if (b.data[y * W + x] < 0.5) continue;
        ink++;
        let near = 0;
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) near = Math.max(near, a.data[(y + dy) * W + x + dx]);
        if (near < 0.2) far++;
      }
    }
    expect(ink).toBeGreaterThan(300);
    expect(far / ink).toBeLessThan(0.02);
    expect(Math.max(...b.data)).toBe(1);
  });

  it('refuses an unknown preprocessing version', () => {
    // @ts-expect-error: not a version
    expect(() => preprocess(wave(3), { version: 'pp9' })).toThrow(/unknown preprocessing version/);
  });
});
