import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImageFile } from '../training/data/decodeNode';
import { wave } from '../testing/penStrokes';
import { sharedDataset } from '../testing/sharedData';
import { preprocess } from '.';
import { penMatchFor } from './penMatch';
import { matchedPenWidth, PEN_WIDTH_RANGE, REDRAW_WIDTH_GAIN, strokeWidthOf } from './strokeWidth';

const W = 192;
const H = 96;

const meanAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;
const to255 = (a: Float32Array) => Uint8Array.from(a, (v) => Math.round(v * 255));

describe('strokeWidthOf', () => {
  it('measures a thicker pen as wider, and an empty raster as 0', () => {
    const thin = strokeWidthOf(preprocess(wave(2)).data, W, H);
    const thick = strokeWidthOf(preprocess(wave(6)).data, W, H);
    expect(thin).toBeGreaterThan(0.5);
    expect(thick).toBeGreaterThan(2 * thin);
    expect(strokeWidthOf(new Float32Array(W * H), W, H)).toBe(0);
  });

  it('reads 0..255 rasters with scale 255 the same as 0..1 rasters', () => {
    const r = preprocess(wave(4)).data;
    expect(strokeWidthOf(to255(r), W, H, 255)).toBeCloseTo(strokeWidthOf(r, W, H), 1);
  });

  it('measures a real signature redrawn with pen w at about REDRAW_WIDTH_GAIN * w', () => {
    const img = decodeImageFile(join(sharedDataset('cedar-dev'), '002/genuine/03.png'));
    for (const w of [1.5, 2, 3, 4]) {
      const measured = strokeWidthOf(preprocess(img, { penWidth: w }).data, W, H);
      expect(measured / (REDRAW_WIDTH_GAIN * w)).toBeGreaterThan(0.85);
      expect(measured / (REDRAW_WIDTH_GAIN * w)).toBeLessThan(1.15);
      // The round trip lands within one step of the pen it was drawn with.
      expect(Math.abs(matchedPenWidth([measured])! - w)).toBeLessThanOrEqual(0.25);
    }
  });
});

describe('matchedPenWidth', () => {
  it('is the mean width / gain in 0.25 steps, clamped, ignoring unusable widths', () => {
    expect(matchedPenWidth([2.2, 2.2])).toBe(2);
    expect(matchedPenWidth([1.1 * 2.9, 1.1 * 3.1, 0, Number.NaN])).toBe(3);
    expect(matchedPenWidth([1.1 * 2.13])).toBe(2.25);
    expect(matchedPenWidth([0.1])).toBe(PEN_WIDTH_RANGE[0]);
    expect(matchedPenWidth([100])).toBe(PEN_WIDTH_RANGE[1]);
    expect(matchedPenWidth([])).toBeNull();
    expect(matchedPenWidth([0, Number.NaN])).toBeNull();
  });
});

describe('penMatchFor', () => {
  const thickScan = to255(preprocess(wave(6)).data);
  const thinPad = to255(preprocess(wave(1)).data);
  const scan = { drawn: false, image: thickScan };
  const drawing = { drawn: true, image: thinPad };

  it('matches a drawing to scanned references with their measured width', () => {
    const m = penMatchFor(true, [scan, scan, scan], W, H)!;
    expect(m.matchedTo).toBe('scanned');
    expect(m.references).toBe(3);
    expect(m.penWidth).toBe(matchedPenWidth([strokeWidthOf(thickScan, W, H, 255)]));
  });

  it('matches a scan to drawn references, and uses only the other domain when references are mixed', () => {
    const m = penMatchFor(false, [drawing, drawing, scan], W, H)!;
    expect(m.matchedTo).toBe('drawn');
    expect(m.references).toBe(2);
    expect(m.penWidth).toBe(matchedPenWidth([strokeWidthOf(thinPad, W, H, 255)]));
  });

  it('leaves signatures of the references’ own domain alone (majority, tie, none)', () => {
    expect(penMatchFor(false, [scan, scan], W, H)).toBeNull();
    expect(penMatchFor(true, [drawing, drawing, scan], W, H)).toBeNull();
    expect(penMatchFor(true, [drawing, scan], W, H)).toBeNull();
    expect(penMatchFor(true, [], W, H)).toBeNull();
    expect(penMatchFor(true, [{ drawn: false, image: new Uint8Array(W * H) }], W, H)).toBeNull();
  });

  it('brings a thin drawing much closer to the thick scan of the same shape', () => {
    const scanRaster = preprocess(wave(6)).data;
    const m = penMatchFor(true, [{ drawn: false, image: to255(scanRaster) }], W, H)!;
    const raw = preprocess(wave(1)).data;
    const matched = preprocess(wave(1), { penWidth: m.penWidth }).data;
    expect(meanAbsDiff(matched, scanRaster)).toBeLessThan(0.5 * meanAbsDiff(raw, scanRaster));
  });
});

describe('preprocess penWidth', () => {
  it('refuses a pen width outside (0, 16)', () => {
    expect(() => preprocess(wave(3), { penWidth: 0 })).toThrow(RangeError);
    expect(() => preprocess(wave(3), { penWidth: 40 })).toThrow(RangeError);
  });
});
