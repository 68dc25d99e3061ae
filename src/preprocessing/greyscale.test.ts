import { describe, expect, it } from 'vitest';
import { toGrey } from './greyscale';

/** The formula toGrey implements, per pixel, written out as the reference (alpha over white). */
function reference(r: number, g: number, b: number, a: number): number {
  const luma = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
  return Math.fround(1 - (a / 255) * (1 - luma));
}

describe('toGrey', () => {
  it('gives exactly the formula (alpha over white) for every grey level and alpha, and for colours', () => {
    // Every (grey, alpha) pair, then colour pixels with varied alpha.
    const n = 256 * 256 + 5000;
    const data = new Uint8Array(n * 4);
    for (let a = 0; a < 256; a++) for (let v = 0; v < 256; v++) data.set([v, v, v, a], ((a << 8) | v) * 4);
    let s = 12345;
    const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 16) & 255;
    for (let i = 256 * 256; i < n; i++) data.set([rnd(), rnd(), rnd(), i % 3 ? 255 : rnd()], i * 4);
    const out = toGrey({ width: n, height: 1, channels: 4, data }).data;
    let mismatches = 0;
    for (let i = 0; i < n; i++) if (out[i] !== reference(data[4 * i], data[4 * i + 1], data[4 * i + 2], data[4 * i + 3])) mismatches++;
    expect(mismatches).toBe(0);
    // Transparent is paper (1), opaque black is 0.
    expect(out[0]).toBe(1);
    expect(out[(255 << 8) | 0]).toBe(0);
  });

  it('RGB without alpha is opaque, and one channel is the level itself', () => {
    const rgb = toGrey({ width: 2, height: 1, channels: 3, data: new Uint8Array([10, 10, 10, 200, 100, 50]) }).data;
    expect(Array.from(rgb)).toEqual([reference(10, 10, 10, 255), reference(200, 100, 50, 255)]);
    expect(Array.from(toGrey({ width: 2, height: 1, channels: 1, data: new Uint8Array([0, 255]) }).data)).toEqual([0, 1]);
  });
});
