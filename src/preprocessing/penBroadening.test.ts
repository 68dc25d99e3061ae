import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImageFile } from '../training/data/decodeNode';
import { greyToPixels } from '../training/augment';
import { withBroaderPen } from '../testing/otherPen';
import { sharedDataset } from '../testing/sharedData';
import { preprocess } from '.';
import { toGrey } from './greyscale';
import { BROADENING_RADII, BROADER_PEN_FACTOR, broadenRaster, closestBroadening, penBroadeningFor, type Rung } from './penBroadening';
import { strokeWidthOf } from './strokeWidth';

const W = 192;
const H = 96;
/** A horizontal line one input pixel thick across a model input. */
function line(): Float32Array {
  const r = new Float32Array(W * H);
  for (let x = 20; x < 170; x++) r[48 * W + x] = 1;
  return r;
}
const column = (r: Float32Array, x: number) => Array.from({ length: H }, (_, y) => r[y * W + x]);

describe('broadenRaster', () => {
  it('grows a stroke by the radius on each side, fractions as partial edges', () => {
    const one = column(broadenRaster(line(), W, H, 1), 90);
    expect(one.slice(46, 51)).toEqual([0, 1, 1, 1, 0]);
    const half = column(broadenRaster(line(), W, H, 0.5), 90);
    expect(half.slice(46, 51)).toEqual([0, 0.5, 1, 0.5, 0]);
  });
  it('keeps the ink where it was and leaves the input alone; radius 0 is a copy', () => {
    const src = line();
    const out = broadenRaster(src, W, H, 2);
    for (let i = 0; i < src.length; i++) expect(out[i]).toBeGreaterThanOrEqual(src[i]);
    expect(src.reduce((s, v) => s + v, 0)).toBe(150);
    expect(Array.from(broadenRaster(src, W, H, 0))).toEqual(Array.from(src));
  });
});

describe('broadening to a questioned pen', () => {
  it('measures wider on each rung, and makes rungs only until one reaches the target', () => {
    const all: Rung[] = [];
    closestBroadening(line(), W, H, 1e9, all);
    expect(all.map((r) => r.radius)).toEqual([0, ...BROADENING_RADII]);
    for (let i = 2; i < all.length; i++) expect(all[i].width).toBeGreaterThan(all[i - 1].width);
    const some: Rung[] = [];
    expect(closestBroadening(line(), W, H, all[4].width * 1.02, some).radius).toBe(all[4].radius);
    expect(some).toHaveLength(6); // up to the first rung at or past the target
  });
  it('takes none for a raster that is not finer than the target', () => {
    const made: Rung[] = [];
    const own = closestBroadening(line(), W, H, 0.5, made);
    expect(own.radius).toBe(0);
    expect(made).toHaveLength(1);
  });
  it("brings a real reference to a broader pen's width: cedar-dev 031/01 against its copy a pixel broader", () => {
    const page = decodeImageFile(join(sharedDataset('cedar-dev'), '031/genuine/01.png'));
    const ref = preprocess(page).data;
    const broad = preprocess(greyToPixels(withBroaderPen(toGrey(page), 1))).data;
    const target = strokeWidthOf(broad, W, H);
    const own = strokeWidthOf(ref, W, H);
    expect(target).toBeGreaterThan(1.5 * own);
    const r = closestBroadening(ref, W, H, target);
    expect(r.radius).toBeGreaterThan(0);
    expect(Math.abs(Math.log(r.width / target))).toBeLessThan(Math.abs(Math.log(own / target)) / 3);
  });
});

describe('penBroadeningFor', () => {
  const page = decodeImageFile(join(sharedDataset('cedar-dev'), '031/genuine/01.png'));
  const refs = ['02', '03'].map((n) => preprocess(decodeImageFile(join(sharedDataset('cedar-dev'), `031/genuine/${n}.png`))).data);
  const stored = refs.map((r) => Uint8Array.from(r, (v) => Math.round(255 * v)));
  it('is null for a signature in the references\' own pen', () => {
    expect(penBroadeningFor(preprocess(page).data, stored, W, H)).toBeNull();
  });
  it('broadens every reference to a signature written two pixels broader, from their stored 0..255 inputs', () => {
    const q = preprocess(greyToPixels(withBroaderPen(toGrey(page), 2))).data;
    const b = penBroadeningFor(q, stored, W, H)!;
    expect(b.ratio).toBeGreaterThan(BROADER_PEN_FACTOR);
    expect(b.radii.every((r) => r > 0)).toBe(true);
    const target = strokeWidthOf(q, W, H);
    for (const r of b.rasters) expect(Math.abs(Math.log(strokeWidthOf(r, W, H) / target))).toBeLessThan(0.15);
    // Not when the factor asks for more than the pen's difference.
    expect(penBroadeningFor(q, stored, W, H, 255, b.ratio + 0.01)).toBeNull();
  });
});
