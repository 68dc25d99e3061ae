import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImageFile } from '../training/data/decodeNode';
import { sharedDataset } from '../testing/sharedData';
import { expectSameSignature } from '../testing/inkCoverage';
import { inSignatureBox } from '../testing/signatureBox';
import { preprocess, toGrey, type PixelImage } from '.';
import { removeFormBox } from './formBox';
import { removeBorderLines } from './inkMask';

const cedar = sharedDataset('cedar-dev');
const bhsig = sharedDataset('bhsig260-bengali');

/** The image in a form's signature box, as 8-bit grey pixels (by default the box lies in the page's outer 6%). */
function boxed(img: PixelImage, thick?: number, pad = 0.1, inset = 0.05): PixelImage {
  const g = inSignatureBox(toGrey(img), pad, inset, thick);
  return { width: g.width, height: g.height, channels: 1, data: Uint8Array.from(g.data, (v) => Math.round(255 * v)) };
}

describe("a form's signature box around the signature", () => {
  it('reads real signatures in a box as without it: a grey CEDAR scan, a white CEDAR forgery, a bi-level BHSig scan', () => {
    for (const f of [join(cedar, '033/genuine/04.png'), join(cedar, '031/forged/08.png'), join(bhsig, 'B090/genuine/01.png')]) {
      const img = decodeImageFile(f);
      const clean = preprocess(img);
      const inBox = preprocess(boxed(img));
      expect(clean.borderInk).toBe(0);
      expect(inBox.borderInk).toBeGreaterThan(0);
      expectSameSignature(clean.data, inBox.data);
      expectSameSignature(inBox.data, clean.data);
    }
  });

  it('a box darker than the handwriting does not leave the strokes below the threshold (a thick box too)', () => {
    // The box is black, CEDAR's strokes grey: Otsu's threshold on the whole page falls between the two.
    const img = decodeImageFile(join(cedar, '040/forged/19.png'));
    expect(preprocess(img).borderPull).toBe(0);
    for (const thick of [0.01, 0.025]) {
      const inBox = preprocess(boxed(img, thick));
      expect(inBox.borderPull).toBeGreaterThan(0.1); // thresholded again without the box
      expectSameSignature(preprocess(img).data, inBox.data);
    }
  });
});

describe('removeBorderLines', () => {
  const W = 100;
  const H = 50; // the band: rows 0-2 and 47-49, columns 0-5 and 94-99 (6% of each side, rounded)
  const rows = (mask: Uint8Array, ys: number[], x0 = 0, x1 = W) => ys.forEach((y) => mask.fill(1, y * W + x0, y * W + x1));

  it('clears a line straddling the band whole (throughBand), only its rows in the band without; returns the ink cleared', () => {
    const page = () => {
      const mask = new Uint8Array(W * H);
      rows(mask, [2, 3, 4]); // rows 3 and 4 lie past the band: the line goes on there
      rows(mask, [20], 10, 50); // handwriting-like run inside the page: stays
      return mask;
    };
    const mask = page();
    expect(removeBorderLines(mask, W, H, true)).toHaveLength(3 * W);
    for (const y of [2, 3, 4]) expect(mask.subarray(y * W, (y + 1) * W).every((v) => v === 0)).toBe(true);
    expect(mask.subarray(20 * W + 10, 20 * W + 50).every((v) => v === 1)).toBe(true);
    // The first threshold's pass (and every page before this rule): the band's row only.
    const first = page();
    expect(removeBorderLines(first, W, H)).toHaveLength(W);
    expect(first.subarray(3 * W, 5 * W).every((v) => v === 1)).toBe(true);
  });

  it('a dark region running past twice the band is no line: only the band goes, even with throughBand', () => {
    const mask = new Uint8Array(W * H);
    rows(mask, [...Array(20).keys()]); // rows 0-19: a dark page top
    removeBorderLines(mask, W, H, true);
    expect(mask.subarray(0, 3 * W).every((v) => v === 0)).toBe(true);
    expect(mask.subarray(3 * W, 20 * W).every((v) => v === 1)).toBe(true);
  });

  it('keeps a full row that does not touch the band (a printed line is ruledLines.ts’s), and a sparse row inside it', () => {
    const mask = new Uint8Array(W * H);
    rows(mask, [5]); // past the band, with paper between: not a border line
    rows(mask, [1], 0, 30); // 30% of the width: not a line
    expect(removeBorderLines(mask, W, H)).toHaveLength(0);
    expect(mask.reduce((s, v) => s + v, 0)).toBe(W + 30);
  });

  it('clears box sides: columns in the band and their continuation inward', () => {
    const mask = new Uint8Array(W * H);
    for (const x of [5, 6, 7, 94]) for (let y = 0; y < H; y++) mask[y * W + x] = 1;
    expect(removeBorderLines(mask, W, H, true)).toHaveLength(4 * H);
    expect(mask.every((v) => v === 0)).toBe(true);
  });
});

describe("a form's box further inside the page", () => {
  it('is found and left out: real signatures in a box 12% inside the page read as without it', () => {
    for (const f of [join(cedar, '033/genuine/04.png'), join(cedar, '031/forged/08.png'), join(bhsig, 'B090/genuine/01.png')]) {
      const img = decodeImageFile(f);
      const clean = preprocess(img);
      const inBox = preprocess(boxed(img, 0.01, 0.25, 0.12));
      expect(clean.formBox).toBe(false);
      expect(inBox.formBox).toBe(true);
      expectSameSignature(clean.data, inBox.data);
      expectSameSignature(inBox.data, clean.data);
    }
  });

  it('is no box without all four sides meeting, and no real signature is taken for one', () => {
    const W = 200;
    const H = 100;
    const frame = (sides: ('top' | 'bottom' | 'left' | 'right')[]) => {
      const m = new Uint8Array(W * H);
      for (let x = 20; x < 180; x++) {
        if (sides.includes('top')) m[15 * W + x] = 1;
        if (sides.includes('bottom')) m[85 * W + x] = 1;
      }
      for (let y = 15; y <= 85; y++) {
        if (sides.includes('left')) m[y * W + 20] = 1;
        if (sides.includes('right')) m[y * W + 179] = 1;
      }
      for (let x = 60; x < 140; x++) m[50 * W + x] = 1; // the "signature" inside
      return m;
    };
    const box = frame(['top', 'bottom', 'left', 'right']);
    expect(removeFormBox(box, W, H).length).toBeGreaterThan(0);
    expect(box.subarray(50 * W + 60, 50 * W + 140).every((v) => v === 1)).toBe(true); // the inside stays
    expect(box.reduce((s, v) => s + v, 0)).toBe(80);
    const open = frame(['top', 'bottom', 'left']);
    expect(removeFormBox(open, W, H)).toHaveLength(0);
    // Real signatures of both data sets (every image's raster is unchanged by this step: preprocess-hash.ts).
    for (const f of ['031/genuine/01.png', '035/genuine/04.png', '040/forged/19.png'].map((x) => join(cedar, x)).concat(join(bhsig, 'B090/genuine/01.png'))) {
      expect(preprocess(decodeImageFile(f)).formBox).toBe(false);
    }
  });
});
