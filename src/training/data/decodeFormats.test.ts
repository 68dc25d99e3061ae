import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureError } from '../../capture';
import { preprocess, type PixelImage } from '../../preprocessing';
import { readDataset } from './datasetReader';
import { decodeImageBytes, decodeImageFile } from './decodeNode';

// One of our own synthetic sample signatures (public/samples, not research data), saved by
// ImageMagick as TIFF (LZW grey; CCITT Group 4 bi-level, as cheque imaging writes), 24-bit and
// 4-bit palette BMP: e2e/fixtures.
const FIX = 'e2e/fixtures';
const source = decodeImageFile('public/samples/A-genuine-1.png');
const red = (img: PixelImage) => Array.from({ length: img.width * img.height }, (_, i) => img.data[i * img.channels]);

describe('Node decoding of TIFF and BMP (data sets and scanners)', () => {
  it('decodes a greyscale LZW TIFF and a 24-bit BMP to exactly the PNG pixels', () => {
    for (const f of ['sample-lzw.tif', 'sample-24.bmp']) {
      const img = decodeImageFile(join(FIX, f));
      expect([img.width, img.height]).toEqual([source.width, source.height]);
      expect(red(img)).toEqual(red(source));
      expect(preprocess(img).data).toEqual(preprocess(source).data);
    }
  });

  it('decodes a 4-bit palette BMP (16 grey levels) close to the PNG', () => {
    const img = decodeImageFile(join(FIX, 'sample-8.bmp'));
    const a = red(img);
    const b = red(source);
    const meanAbs = a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;
    expect(meanAbs).toBeLessThan(6);
    expect(meanAbs).toBeGreaterThan(0); // really the quantised file, not the PNG
  });

  it('decodes a CCITT Group 4 bi-level TIFF: black exactly where the PNG is darker than the threshold', () => {
    const img = decodeImageFile(join(FIX, 'sample-g4.tif'));
    expect([img.width, img.height]).toEqual([source.width, source.height]);
    const a = red(img);
    expect(new Set(a)).toEqual(new Set([0, 255]));
    const b = red(source);
    const agree = a.filter((v, i) => (v === 0) === (b[i] < 0.55 * 255)).length / a.length;
    expect(agree).toBeGreaterThan(0.995);
    expect(a.filter((v) => v === 0).length).toBeGreaterThan(500); // the signature's ink is there
  });

  it('refuses a damaged TIFF and a TIFF declaring over 24 megapixels with clear errors', () => {
    const good = readFileSync(join(FIX, 'sample-lzw.tif'));
    const truncated = new Uint8Array(good.subarray(0, 12));
    expect(() => decodeImageBytes(truncated, 'cheque.tif')).toThrow(CaptureError);
    expect(() => decodeImageBytes(truncated, 'cheque.tif')).toThrow(/"cheque.tif" could not be decoded/);
    // A header-only TIFF that declares 7000 x 5000 pixels: refused before decoding anything.
    const entries: [number, number, number][] = [
      [256, 4, 7000],
      [257, 4, 5000],
      [258, 3, 8],
      [259, 3, 1],
      [262, 3, 1],
      [273, 4, 8],
      [277, 3, 1],
      [278, 4, 5000],
      [279, 4, 35_000_000],
    ];
    const huge = new Uint8Array(8 + 2 + 12 * entries.length + 4);
    const v = new DataView(huge.buffer);
    huge.set([0x49, 0x49, 0x2a, 0]);
    v.setUint32(4, 8, true);
    v.setUint16(8, entries.length, true);
    entries.forEach(([tag, type, value], i) => {
      const o = 10 + 12 * i;
      v.setUint16(o, tag, true);
      v.setUint16(o + 2, type, true);
      v.setUint32(o + 4, 1, true);
      if (type === 3) v.setUint16(o + 8, value, true);
      else v.setUint32(o + 8, value, true);
    });
    const err = (() => {
      try {
        decodeImageBytes(huge, 'scan.tif');
      } catch (e) {
        return e as CaptureError;
      }
    })();
    expect(err).toBeInstanceOf(CaptureError);
    expect(err?.code).toBe('too-large');
    expect(err?.message).toMatch(/"scan.tif" is too large: .*35.0 megapixels/);
  });

  it('refuses a truncated BMP and says so', () => {
    const good = readFileSync(join(FIX, 'sample-24.bmp'));
    expect(() => decodeImageBytes(new Uint8Array(good.subarray(0, 5000)), 'w.bmp')).toThrow(/w.bmp: the file is truncated/);
  });

  it('reads data sets whose signatures are .tif and .bmp files', () => {
    const root = mkdtempSync(join(tmpdir(), 'cs-formats-'));
    mkdirSync(join(root, 'w1', 'genuine'), { recursive: true });
    mkdirSync(join(root, 'w1', 'forged'), { recursive: true });
    copyFileSync(join(FIX, 'sample-lzw.tif'), join(root, 'w1', 'genuine', '1.tif'));
    copyFileSync(join(FIX, 'sample-g4.tif'), join(root, 'w1', 'genuine', '2.TIFF'));
    copyFileSync(join(FIX, 'sample-24.bmp'), join(root, 'w1', 'forged', '1.bmp'));
    const [w] = readDataset(root);
    expect(w.genuine.map((p) => p.split('/').pop())).toEqual(['1.tif', '2.TIFF']);
    expect(w.forged).toHaveLength(1);
    for (const p of [...w.genuine, ...w.forged]) expect(decodeImageFile(p).width).toBe(source.width);
  });
});

describe('multi-page TIFF (a cheque front and back)', () => {
  it('is read from page 1 and says so; a thumbnail is not a page', async () => {
    const { multiPageTiff } = await import('../../testing/multiPageTiff');
    const UTIF = await import('utif2');
    const { decodeTiffBytes } = await import('../../capture/tiff');
    const front = decodeImageFile('public/samples/A-genuine-1.png');
    const back = decodeImageFile('public/samples/B-genuine-1.png');
    const notes: string[] = [];
    const img = decodeTiffBytes(UTIF, multiPageTiff([front, back]), 'cheque.tif', (t) => notes.push(t));
    expect([img.width, img.height]).toEqual([front.width, front.height]);
    expect(red(img)).toEqual(red(front));
    expect(notes).toEqual(['"cheque.tif" has 2 pages; page 1 was used. If the signature is on another page, save that page as its own image and use that file.']);
    // The same two images, the second marked as a reduced-resolution copy: one page, nothing to say.
    const quiet: string[] = [];
    expect(red(decodeTiffBytes(UTIF, multiPageTiff([front, back], [false, true]), 'scan.tif', (t) => quiet.push(t)))).toEqual(red(front));
    expect(quiet).toEqual([]);
    // Node's decoder (data sets) reads page 1 of the same file.
    expect(red(decodeImageBytes(multiPageTiff([back, front]), 'b.tif'))).toEqual(red(back));
    // The browser test's fixture (ImageMagick, LZW, two samples as two pages): page 1 is the first sample.
    expect(red(decodeImageFile(join(FIX, 'sample-2pages.tif')))).toEqual(red(front));
  });
});
