import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImageFile } from '../training/data/decodeNode';
import { sharedDataset } from '../testing/sharedData';
import { INPUT_HEIGHT, INPUT_WIDTH, MAX_PIXELS, PREPROCESS_VERSIONS, PreprocessError, inputSizeOf, keepsOwnStrokes, preprocess, preprocessVersionNamed, type PixelImage } from '.';

const cedar = sharedDataset('cedar-dev');
const bhsig = sharedDataset('bhsig260-bengali');

function blank(width: number, height: number, value = 255, channels: 1 | 4 = 1): PixelImage {
  const data = new Uint8Array(width * height * channels).fill(value);
  return { width, height, channels, data };
}

/** Draws a dark polyline (a fake stroke) into a grey image. */
function stroke(img: PixelImage, pts: [number, number][], ink = 20, r = 2): PixelImage {
  for (let k = 1; k < pts.length; k++) {
    const [x0, y0] = pts[k - 1];
    const [x1, y1] = pts[k];
    const n = Math.ceil(Math.hypot(x1 - x0, y1 - y0));
    for (let s = 0; s <= n; s++) {
      const x = Math.round(x0 + ((x1 - x0) * s) / n);
      const y = Math.round(y0 + ((y1 - y0) * s) / n);
      for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) {
        const xx = x + dx;
        const yy = y + dy;
        if (xx >= 0 && yy >= 0 && xx < img.width && yy < img.height) img.data[(yy * img.width + xx) * img.channels] = ink;
      }
    }
  }
  return img;
}

const sum = (a: Float32Array) => a.reduce((s, v) => s + v, 0);
const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('preprocess (the one shared function)', () => {
  it('maps a real CEDAR scan to a 96x192 ink-bright raster cropped to the ink', () => {
    const r = preprocess(decodeImageFile(join(cedar, '001/genuine/01.png')));
    expect([r.height, r.width]).toEqual([INPUT_HEIGHT, INPUT_WIDTH]);
    expect(r.data.length).toBe(INPUT_HEIGHT * INPUT_WIDTH);
    expect(Math.min(...r.data)).toBe(0);
    expect(Math.max(...r.data)).toBeGreaterThan(0.9);
    // cropped: ink reaches within the margin of at least two opposite sides
    const cols = Array.from({ length: INPUT_WIDTH }, (_, x) => Array.from({ length: INPUT_HEIGHT }, (_, y) => r.data[y * INPUT_WIDTH + x]).some((v) => v > 0.2));
    const rows = Array.from({ length: INPUT_HEIGHT }, (_, y) => r.data.subarray(y * INPUT_WIDTH, (y + 1) * INPUT_WIDTH).some((v) => v > 0.2));
    const spanX = cols.lastIndexOf(true) - cols.indexOf(true);
    const spanY = rows.lastIndexOf(true) - rows.indexOf(true);
    expect(spanX >= INPUT_WIDTH - 12 || spanY >= INPUT_HEIGHT - 12).toBe(true);
  });

  it('reads bi-level BHSig scans the same way', () => {
    const r = preprocess(decodeImageFile(join(bhsig, 'B001/genuine/01.png')));
    expect(sum(r.data)).toBeGreaterThan(200);
    expect(r.inkFraction).toBeGreaterThan(0.005);
  });

  it('is invariant to paper tone: a grey background and a white one give the same raster', () => {
    const img = decodeImageFile(join(cedar, '002/genuine/03.png'));
    const white = preprocess(img);
    // Darken the paper like CEDAR's genuine scans (about 239 instead of 255) and keep the ink.
    const grey = { ...img, data: Uint8Array.from(img.data, (v, i) => (i % 4 === 3 ? v : Math.round(v * 0.9))) };
    expect(maxDiff(preprocess(grey).data, white.data)).toBeLessThan(0.05);
  });

  it('is invariant to ink darkness (pens differ)', () => {
    const dark = stroke(blank(400, 200), [[40, 150], [120, 40], [200, 160], [300, 50], [360, 120]], 10);
    const light = stroke(blank(400, 200), [[40, 150], [120, 40], [200, 160], [300, 50], [360, 120]], 150);
    expect(maxDiff(preprocess(dark).data, preprocess(light).data)).toBeLessThan(0.02);
  });

  it('a transparent canvas with drawn strokes reads as ink on white', () => {
    const img = blank(400, 200, 0, 4);
    const on = stroke(blank(400, 200), [[30, 100], [370, 120]], 0);
    for (let i = 0; i < 400 * 200; i++) if (on.data[i] === 0) img.data[4 * i + 3] = 255; // black, opaque
    const r = preprocess(img);
    expect(sum(r.data)).toBeGreaterThan(100);
  });

  it('removes ruled lines along the border and isolated specks', () => {
    const base = stroke(blank(400, 200), [[60, 150], [150, 50], [250, 150], [340, 60]]);
    const lined = stroke(blank(400, 200), [[60, 150], [150, 50], [250, 150], [340, 60]]);
    for (let x = 0; x < 400; x++) lined.data[1 * 400 + x] = 0; // a scanner line on row 1
    lined.data[190 * 400 + 10] = 0; // a speck
    expect(maxDiff(preprocess(lined).data, preprocess(base).data)).toBeLessThan(0.05);
  });

  it('refuses a blank page and a nearly blank pad with a clear message', () => {
    expect(() => preprocess(blank(300, 150))).toThrow(PreprocessError);
    expect(() => preprocess(blank(300, 150))).toThrow(/blank/i);
    const dot = blank(300, 150);
    dot.data[75 * 300 + 150] = 0;
    expect(() => preprocess(dot)).toThrow(/blank/i);
  });

  it('refuses an image over the pixel limit before any work', () => {
    const side = Math.ceil(Math.sqrt(MAX_PIXELS)) + 1;
    const huge = { width: side, height: side, channels: 1 as const, data: new Uint8Array(0) };
    expect(() => preprocess(huge)).toThrow(/megapixels/);
  });

  it('refuses an all-dark image', () => {
    const img = blank(200, 100, 255);
    for (let i = 0; i < img.data.length * 0.6; i++) img.data[i] = 0;
    expect(() => preprocess(img)).toThrow(PreprocessError);
  });

  it('is deterministic', () => {
    const img = decodeImageFile(join(cedar, '005/forged/07.png'));
    expect(maxDiff(preprocess(img).data, preprocess(img).data)).toBe(0);
  });

  it('a version names its raster size: pp1 at 128x256 is the same ink at a finer scale', () => {
    expect(PREPROCESS_VERSIONS.map(inputSizeOf)).toEqual([
      { height: 96, width: 192 },
      { height: 96, width: 192 },
      { height: 128, width: 256 },
    ]);
    expect(PREPROCESS_VERSIONS.map(keepsOwnStrokes)).toEqual([true, false, true]);
    const img = decodeImageFile(join(cedar, '001/genuine/01.png'));
    const fine = preprocess(img, { version: 'pp1-otsu-binary-128x256' });
    expect([fine.height, fine.width, fine.data.length]).toEqual([128, 256, 128 * 256]);
    // the same version at an explicit 96x192 is exactly the default preprocessing
    expect(maxDiff(preprocess(img, { version: 'pp1-otsu-binary-128x256', height: 96, width: 192 }).data, preprocess(img).data)).toBe(0);
    // the finer raster holds more ink pixels, about in proportion to the scale (4/3 in each direction)
    const ratio = sum(fine.data) / sum(preprocess(img).data);
    expect(ratio).toBeGreaterThan(1.2);
    expect(ratio).toBeLessThan(1.9);
  });

  it('the training CLI names versions in full or by short name; pp1 and pp2 are the app-sized ones', () => {
    expect(preprocessVersionNamed(undefined)).toBe('pp1-otsu-binary-96x192');
    expect(preprocessVersionNamed('pp1')).toBe('pp1-otsu-binary-96x192');
    expect(preprocessVersionNamed('pp2')).toBe('pp2-centreline-96x192');
    expect(preprocessVersionNamed('pp1-otsu-binary-128x256')).toBe('pp1-otsu-binary-128x256');
    expect(preprocessVersionNamed('pp3')).toBeNull();
    expect(preprocessVersionNamed('constructor')).toBeNull();
    expect(preprocessVersionNamed('')).toBeNull();
  });
});
