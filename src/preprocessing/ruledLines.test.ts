import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImageFile } from '../training/data/decodeNode';
import { sharedDataset } from '../testing/sharedData';
import { inkBottom, withLine } from '../testing/printedLine';
import { expectSameSignature } from '../testing/inkCoverage';
import { PreprocessError, preprocess, type PixelImage } from '.';
import { removeRuledLines } from './ruledLines';

const cedar = sharedDataset('cedar-dev');
const bhsig = sharedDataset('bhsig260-bengali');

describe('printed signature lines', () => {
  it('removes a line under a real CEDAR signature, so the raster is nearly the clean one', () => {
    const img = decodeImageFile(join(cedar, '031/genuine/01.png'));
    const clean = preprocess(img);
    const lined = preprocess(withLine(img, inkBottom(img) - 8));
    expect(clean.ruledLines).toBe(0);
    expect(lined.ruledLines).toBe(1);
    expectSameSignature(clean.data, lined.data);
    expect(Math.abs(lined.box.width - clean.box.width)).toBeLessThanOrEqual(6);
    expect(Math.abs(lined.box.height - clean.box.height)).toBeLessThanOrEqual(6);
  });

  it('removes a line photographed askew (2 degrees) and two ruled lines on a bi-level BHSig scan', () => {
    const img = decodeImageFile(join(cedar, '035/genuine/04.png'));
    const clean = preprocess(img);
    const askew = preprocess(withLine(img, inkBottom(img) - 10 - 0.035 * img.width, 0.035, 3));
    expect(askew.ruledLines).toBe(1);
    expectSameSignature(clean.data, askew.data);

    const b = decodeImageFile(join(bhsig, 'B090/genuine/01.png'));
    const bottom = inkBottom(b);
    const ruled = preprocess(withLine(withLine(b, bottom - 2, 0, 1), Math.min(b.height - 3, bottom + 4), 0, 1));
    expect(ruled.ruledLines).toBe(2);
    expectSameSignature(preprocess(b).data, ruled.data);
  });

  it("keeps a signature's own straight underline, which stops inside the margin", () => {
    // CEDAR 020's signature ends in a long, nearly straight underline (about 77% of the width).
    const img = decodeImageFile(join(cedar, '020/genuine/08.png'));
    expect(preprocess(img).ruledLines).toBe(0);
    const w = 200;
    const h = 60;
    const mask = new Uint8Array(w * h);
    for (let x = 20; x < w - 20; x++) mask[40 * w + x] = mask[41 * w + x] = 1;
    expect(removeRuledLines(mask, w, h)).toEqual([]);
    expect(mask.reduce((s, v) => s + v, 0)).toBe(2 * (w - 40));
  });

  it('finds a one-pixel line wherever it lies between rows and at any slope up to 3 degrees', () => {
    // A staircase of one-pixel steps crosses the vote's row bins anywhere: every position must be found.
    let found = 0;
    let cases = 0;
    for (const w of [203, 300, 512])
      for (const slope of [0, 0.004, 0.013, -0.02, 0.04, -0.05])
        for (let y0 = 40; y0 < 44; y0 += 0.125) {
          const h = 100;
          const mask = new Uint8Array(w * h);
          for (let x = 0; x < w; x++) mask[Math.floor(y0 + slope * x) * w + x] = 1;
          cases++;
          if (removeRuledLines(mask, w, h).length === 1 && mask.every((v) => v === 0)) found++;
        }
    expect(found).toBe(cases);
  });

  it('keeps strokes that cross the line and clears the rest of it', () => {
    const w = 200;
    const h = 60;
    const mask = new Uint8Array(w * h);
    for (let x = 0; x < w; x++) mask[40 * w + x] = mask[41 * w + x] = 1;
    for (let y = 20; y < 55; y++) mask[y * w + 100] = 1; // a descender through the line
    const lines = removeRuledLines(mask, w, h);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ slope: 0, x0: 0, x1: w });
    expect(lines[0].cleared).toHaveLength(2 * (w - 3)); // both rows, but columns 99-101 at the crossing
    for (let y = 20; y < 55; y++) expect(mask[y * w + 100]).toBe(1);
    expect(mask[40 * w + 50] + mask[41 * w + 50] + mask[40 * w + 150]).toBe(0);
    expect(mask.reduce((s, v) => s + v, 0)).toBe(35 + 2 * 2); // the descender, and the line in columns 99 and 101, whose neighbours above and below are the descender
  });

  it('says a form with only its signature line is blank', () => {
    const w = 300;
    const h = 120;
    const page: PixelImage = { width: w, height: h, channels: 1, data: new Uint8Array(w * h).fill(240) };
    expect(() => preprocess(withLine(page, 90))).toThrow(PreprocessError);
    expect(() => preprocess(withLine(page, 90))).toThrow(/blank|ink/i);
  });
});
