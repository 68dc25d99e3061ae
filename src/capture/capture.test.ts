import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { CaptureError } from './errors';
import { jpegExifOrientation, sniffImage } from './imageHeader';
import { inspectImageFile } from './inspect';
import { withExif } from '../testing/exifJpeg';
import { checkDrawing, lineWidthFor, strokeEvidence, strokesExtent, BASE_LINE_WIDTH, type Stroke } from './strokes';

function png(width: number, height: number): Uint8Array {
  const p = new PNG({ width, height });
  p.data.fill(255);
  return new Uint8Array(PNG.sync.write(p));
}

/** A PNG whose header declares width x height (the body is a valid but tiny IDAT). */
function pngHeaderOnly(width: number, height: number): Uint8Array {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4);
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr[16] = 8;
  return new Uint8Array(Buffer.concat([sig, ihdr, deflateSync(Buffer.alloc(4))]));
}

function webpVp8x(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(30);
  b.write('RIFF', 0);
  b.writeUInt32LE(22, 4);
  b.write('WEBP', 8);
  b.write('VP8X', 12);
  b.writeUIntLE(width - 1, 24, 3);
  b.writeUIntLE(height - 1, 27, 3);
  return new Uint8Array(b);
}

function webpVp8l(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(30);
  b.write('RIFF', 0);
  b.write('WEBP', 8);
  b.write('VP8L', 12);
  b[20] = 0x2f;
  b.writeUInt32LE(((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14), 21);
  return new Uint8Array(b);
}

function expectCapture(fn: () => unknown, code: string): CaptureError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CaptureError);
    expect((err as CaptureError).code).toBe(code);
    return err as CaptureError;
  }
  throw new Error(`expected CaptureError ${code}`);
}

describe('sniffImage', () => {
  it('reads PNG size', () => {
    expect(sniffImage(png(300, 176))).toEqual({ format: 'png', width: 300, height: 176 });
  });
  it('reads JPEG size after APP segments', () => {
    const data = Buffer.alloc(40 * 24 * 4, 255);
    const j = jpeg.encode({ data, width: 40, height: 24 }, 80).data;
    expect(sniffImage(new Uint8Array(j))).toEqual({ format: 'jpeg', width: 40, height: 24 });
    // An EXIF-like APP1 segment before the frame header
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0x01, 0x02]), Buffer.alloc(0x0100)]);
    const withApp1 = Buffer.concat([j.subarray(0, 2), app1, j.subarray(2)]);
    expect(sniffImage(new Uint8Array(withApp1))).toEqual({ format: 'jpeg', width: 40, height: 24 });
  });
  it('reads WebP VP8X and VP8L sizes', () => {
    expect(sniffImage(webpVp8x(6000, 5000))).toEqual({ format: 'webp', width: 6000, height: 5000 });
    expect(sniffImage(webpVp8l(640, 480))).toEqual({ format: 'webp', width: 640, height: 480 });
  });
  it('recognises other formats and non-images', () => {
    expect(sniffImage(new TextEncoder().encode('GIF89a\x10\x00\x20\x00'))).toEqual({ format: 'gif', width: 16, height: 32 });
    expect(sniffImage(new TextEncoder().encode('%PDF-1.7 hello'))).toBeNull();
    expect(sniffImage(new Uint8Array(0))).toBeNull();
  });
});

/** A small JPEG with an EXIF segment holding `tags` (see withExif). */
function jpegWithExif(tags: [number, number][], order: 'II' | 'MM', before = 0): Uint8Array {
  return withExif(new Uint8Array(jpeg.encode({ data: Buffer.alloc(16 * 8 * 4, 255), width: 16, height: 8 }, 80).data), tags, order, before);
}

describe('jpegExifOrientation', () => {
  it('reads the orientation tag in either byte order, after other segments and tags', () => {
    expect(jpegExifOrientation(jpegWithExif([[0x0112, 6]], 'II'))).toBe(6);
    expect(jpegExifOrientation(jpegWithExif([[0x010f, 7], [0x0112, 3]], 'MM', 2))).toBe(3);
    expect(jpegExifOrientation(jpegWithExif([[0x0112, 1]], 'II'))).toBe(1);
  });
  it('is null without EXIF, without the tag, with a value out of range, or for other files', () => {
    const plain = new Uint8Array(jpeg.encode({ data: Buffer.alloc(16 * 8 * 4, 255), width: 16, height: 8 }, 80).data);
    expect(jpegExifOrientation(plain)).toBeNull();
    expect(jpegExifOrientation(jpegWithExif([[0x010f, 6]], 'MM'))).toBeNull();
    expect(jpegExifOrientation(jpegWithExif([[0x0112, 9]], 'II'))).toBeNull();
    expect(jpegExifOrientation(png(8, 8))).toBeNull();
    // Cut inside the EXIF segment: no orientation can be read.
    expect(jpegExifOrientation(jpegWithExif([[0x0112, 6]], 'II').subarray(0, 20))).toBeNull();
  });
});

describe('inspectImageFile', () => {
  it('accepts a normal PNG', () => {
    const b = png(300, 176);
    expect(inspectImageFile('a.png', b.length, b)).toMatchObject({ format: 'png', width: 300, height: 176 });
  });
  it('refuses a 0-byte file', () => {
    expect(expectCapture(() => inspectImageFile('empty.png', 0, new Uint8Array(0)), 'empty-file').message).toContain('0 bytes');
  });
  it('refuses a non-image', () => {
    const b = new TextEncoder().encode('hello, this is a text file');
    expect(expectCapture(() => inspectImageFile('notes.png', b.length, b), 'not-image').message).toContain('notes.png');
  });
  it('refuses formats the browser cannot decode, naming those it can', () => {
    const b = new TextEncoder().encode('\x00\x00\x00\x18ftypheic\x00\x00\x00\x00');
    const e = expectCapture(() => inspectImageFile('photo.heic', b.length, b), 'unsupported-format');
    expect(e.message).toMatch(/"photo.heic" is a HEIC image.*accepted are PNG, JPEG, WebP, TIFF/);
  });
  it('accepts TIFF (cheque scans), BMP and GIF', () => {
    const gif = new TextEncoder().encode('GIF89a\x10\x00\x20\x00');
    expect(inspectImageFile('a.gif', gif.length, gif)).toEqual({ format: 'gif', width: 16, height: 32 });
    const tif = new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]);
    expect(inspectImageFile('cheque.tif', tif.length, tif).format).toBe('tiff');
    const bmp = new Uint8Array(30);
    bmp.set([0x42, 0x4d]);
    new DataView(bmp.buffer).setUint32(14, 40, true);
    new DataView(bmp.buffer).setInt32(18, 300, true);
    new DataView(bmp.buffer).setInt32(22, -120, true);
    expect(inspectImageFile('a.bmp', bmp.length, bmp)).toEqual({ format: 'bmp', width: 300, height: 120 });
  });
  it('refuses images over 24 megapixels from the header', () => {
    const b = pngHeaderOnly(6000, 5000);
    const e = expectCapture(() => inspectImageFile('huge.png', b.length, b), 'too-large');
    expect(e.message).toContain('huge.png');
    expect(e.message).toContain('30.0 megapixels');
    expectCapture(() => inspectImageFile('huge.webp', 30, webpVp8x(6000, 5000)), 'too-large');
    // exactly 24 MP is allowed
    const ok = pngHeaderOnly(6000, 4000);
    expect(inspectImageFile('ok.png', ok.length, ok).width).toBe(6000);
  });
  it('refuses a file over the byte limit', () => {
    const b = png(10, 10);
    expectCapture(() => inspectImageFile('big.png', 200 * 1024 * 1024, b), 'file-too-big');
  });
});

describe('pad strokes', () => {
  const line = (x0: number, x1: number, pointerType = 'mouse'): Stroke => ({
    pointerType,
    points: Array.from({ length: 11 }, (_, i) => ({ x: x0 + ((x1 - x0) * i) / 10, y: 100 + (i % 2) * 10, pressure: 0.5 })),
  });

  it('maps pen pressure to line width, mouse to the base width', () => {
    expect(lineWidthFor(0.5, 'mouse')).toBe(BASE_LINE_WIDTH);
    expect(lineWidthFor(0.1, 'pen')).toBeLessThan(lineWidthFor(0.9, 'pen'));
    expect(lineWidthFor(0, 'pen')).toBe(BASE_LINE_WIDTH);
  });
  it('measures extent', () => {
    const e = strokesExtent([line(10, 110)])!;
    expect(e.minX).toBe(10);
    expect(e.maxX).toBe(110);
    expect(e.points).toBe(11);
    expect(e.length).toBeGreaterThan(100);
    expect(strokesExtent([])).toBeNull();
  });
  it('refuses an empty pad and a dot, accepts a signature-sized drawing', () => {
    expect(expectCapture(() => checkDrawing([]), 'blank-pad').message).toMatch(/empty/);
    const dot: Stroke = { pointerType: 'mouse', points: [{ x: 50, y: 50, pressure: 0.5 }] };
    expect(expectCapture(() => checkDrawing([dot]), 'blank-pad').message).toMatch(/too small/);
    expect(() => checkDrawing([line(10, 200)])).not.toThrow();
  });
  it('summarises pen evidence: duration, pen-up time, speed and pressure', () => {
    const timed = (x0: number, t0: number, pointerType: string, pressure: (i: number) => number): Stroke => ({
      pointerType,
      points: Array.from({ length: 11 }, (_, i) => ({ x: x0 + 10 * i, y: 100, pressure: pressure(i), t: t0 + 20 * i })),
    });
    const e = strokeEvidence([timed(0, 0, 'pen', (i) => 0.1 + 0.05 * i), timed(200, 500, 'pen', () => 0.4)]);
    expect(e.strokes).toBe(2);
    expect(e.points).toBe(22);
    expect(e.durationMs).toBe(700); // 0 .. 500 + 200
    expect(e.penUpMs).toBe(300); // first stroke ends at 200, second starts at 500
    expect(e.speed).toBeCloseTo((1000 * 200) / 400, 6); // 2 x 100 units in 400 ms of pen down
    expect(e.pressure!.min).toBeCloseTo(0.1, 6);
    expect(e.pressure!.max).toBeCloseTo(0.6, 6);
    expect(e.pointerTypes).toEqual(['pen']);
    // A mouse reports no pressure; drawings saved without timing have none.
    const m = strokeEvidence([line(0, 100)]);
    expect(m.pressure).toBeNull();
    expect(m.durationMs).toBeNull();
    expect(m.speed).toBeNull();
  });
});
