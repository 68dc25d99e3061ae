import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImageFile } from '../training/data/decodeNode';
import { sharedDataset } from '../testing/sharedData';
import { expectSameSignature } from '../testing/inkCoverage';
import { turnPage } from '../testing/turnPage';
import { INPUT_HEIGHT as H, INPUT_WIDTH as W, preprocess, toGrey, type PixelImage } from '.';
import { ORIENTATION_TOLERANCE_DEG, inkOrientation, orientationMatchFor, rotateMask } from './orientation';

const cedar = sharedDataset('cedar-dev');
const bhsig = sharedDataset('bhsig260-bengali');

/** The image turned by `deg` degrees (clockwise), as 8-bit grey pixels. */
function turned(img: PixelImage, deg: number): PixelImage {
  const g = turnPage(toGrey(img), deg);
  return { width: g.width, height: g.height, channels: 1, data: Uint8Array.from(g.data, (v) => Math.round(255 * v)) };
}

/** A straight bar through the centre of a W x H raster at `deg` degrees (clockwise), 3 pixels thick. */
function bar(deg: number): Float32Array {
  const r = new Float32Array(W * H);
  const a = (deg * Math.PI) / 180;
  for (let t = -80; t <= 80; t += 0.25)
    for (let o = -1; o <= 1; o++) {
      const x = Math.round(W / 2 + t * Math.cos(a) - o * Math.sin(a));
      const y = Math.round(H / 2 + t * Math.sin(a) + o * Math.cos(a));
      if (x >= 0 && y >= 0 && x < W && y < H) r[y * W + x] = 1;
    }
  return r;
}

describe('ink orientation', () => {
  it('is the angle of a straight bar, clockwise positive; null without ink', () => {
    for (const deg of [0, 7, -12, 25]) expect(inkOrientation(bar(deg), W, H)).toBeCloseTo(deg, 0);
    expect(inkOrientation(new Float32Array(W * H), W, H)).toBeNull();
  });

  it('rotateMask turns the ink by the angle asked', () => {
    const { mask, width, height } = rotateMask(Uint8Array.from(bar(0)), W, H, 15);
    expect(inkOrientation(mask, width, height)).toBeCloseTo(15, 0);
  });

  it('a real signature turned on the page turns its orientation by as much', () => {
    for (const f of [join(cedar, '031/genuine/01.png'), join(bhsig, 'B090/genuine/01.png')]) {
      const img = decodeImageFile(f);
      const a = inkOrientation(preprocess(img).data, W, H)!;
      // Within a degree and a half: binarising and resampling the turned page moves the ink a little.
      for (const deg of [-10, 6]) expect(Math.abs(inkOrientation(preprocess(turned(img, deg)).data, W, H)! - a - deg)).toBeLessThan(1.5);
    }
  });
});

describe('orientation matching', () => {
  it('turns a signature photographed 10 degrees askew back to its references: the raster is the clean one again', () => {
    const img = decodeImageFile(join(cedar, '035/genuine/04.png'));
    const refs = ['035/genuine/01.png', '035/genuine/02.png', '035/genuine/03.png'].map((f) => preprocess(decodeImageFile(join(cedar, f))).data);
    const askew = turned(img, -10);
    const match = orientationMatchFor(preprocess(askew).data, refs, W, H);
    expect(match).not.toBeNull();
    expect(match!.rotateDeg).toBeGreaterThan(7);
    expect(match!.rotateDeg).toBeLessThan(13);
    const back = preprocess(askew, { rotateDeg: match!.rotateDeg }).data;
    expectSameSignature(preprocess(img).data, back);
    expectSameSignature(back, preprocess(img).data);
  });

  it('leaves a signature alone within the tolerance, a page turned past 30 degrees, and an image without ink', () => {
    const img = decodeImageFile(join(cedar, '035/genuine/04.png'));
    const ref = preprocess(img).data;
    expect(orientationMatchFor(preprocess(turned(img, ORIENTATION_TOLERANCE_DEG / 2)).data, [ref], W, H)).toBeNull();
    expect(orientationMatchFor(preprocess(turned(img, 40)).data, [ref], W, H)).toBeNull();
    expect(orientationMatchFor(new Float32Array(W * H), [ref], W, H)).toBeNull();
    expect(orientationMatchFor(ref, [], W, H)).toBeNull();
  });
});
