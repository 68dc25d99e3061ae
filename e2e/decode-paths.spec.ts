import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { withExif } from '../src/testing/exifJpeg';
import { DATA_DIR, cedar, openApp } from './helpers';

// Uploads are decoded by WebCodecs' ImageDecoder where the browser has it (no canvas copy), and
// by createImageBitmap through a 2D canvas otherwise. Both must give the same pixels, or a
// reference enrolled in one browser would not match in another.

const decode = (page: import('@playwright/test').Page, bytes: Buffer, name: string, canvasOnly: boolean) =>
  page.evaluate(([b, n, c]) => window.__countersign!.decodeImageBytes(b as number[], n as string, c as boolean), [Array.from(bytes), name, canvasOnly] as const);

/** CRC-32 of PNG chunks. */
function crc32(b: Buffer): number {
  let c = ~0;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** The PNG with a gAMA chunk (gamma 1.0, not sRGB's) after IHDR: colour management would change its pixels. */
function withGamma(png: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from('gAMA', 'latin1'), Buffer.from([0, 1, 0x86, 0xa0])]);
  const chunk = Buffer.alloc(12 + 4);
  chunk.writeUInt32BE(4, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body), 12);
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
}

test('ImageDecoder and the canvas give the same pixels for real scans in every format; a rotated JPEG goes through the canvas', async ({ page }) => {
  test.setTimeout(180_000);
  const bhsig = join(DATA_DIR, 'bhsig260-bengali');
  const files: [string, Buffer][] = [];
  for (let w = 1; w <= 40; w += 3) for (const kind of ['genuine', 'forged'] as const) files.push([`cedar-${w}-${kind}.png`, readFileSync(cedar(w, kind, 1))]);
  for (const w of readdirSync(bhsig).sort().slice(0, 10)) files.push([`${w}.png`, readFileSync(join(bhsig, w, 'genuine', '01.png'))]);
  for (const f of ['sample-24.bmp', 'sample-8.bmp', 'sample.gif']) files.push([f, readFileSync(join('e2e/fixtures', f))]);
  // Variants of a real scan: graded transparency (RGBA and grey + alpha), 16-bit grey, a gamma chunk, a JPEG.
  const scan = PNG.sync.read(readFileSync(cedar(7, 'genuine', 6)));
  const alpha = new PNG({ width: scan.width, height: scan.height });
  scan.data.copy(alpha.data);
  for (let i = 0; i < scan.width * scan.height; i++) alpha.data[4 * i + 3] = (i * 7) % 256;
  files.push(['rgba.png', PNG.sync.write(alpha, { colorType: 6 })], ['grey-alpha.png', PNG.sync.write(alpha, { colorType: 4, inputColorType: 6 })]);
  files.push(['grey16.png', PNG.sync.write(scan, { colorType: 0, bitDepth: 16, inputColorType: 6 })]);
  files.push(['gamma.png', withGamma(PNG.sync.write(alpha, { colorType: 6 }))]);
  const jpg = Buffer.from(jpeg.encode({ width: scan.width, height: scan.height, data: scan.data }, 90).data);
  files.push(['scan.jpg', jpg]);

  await openApp(page, '?backend=wasm');
  for (const [name, bytes] of files) {
    const fast = await decode(page, bytes, name, false);
    const canvas = await decode(page, bytes, name, true);
    // This Chromium has ImageDecoder with frame orientation: the fast path really runs.
    expect(fast.decoder, name).toBe('image-decoder');
    expect(canvas.decoder, name).toBe('canvas');
    expect(fast, name).toEqual({ ...canvas, decoder: 'image-decoder' });
  }

  // EXIF orientation 6: createImageBitmap turns the image upright, so the fast path hands it over.
  const rotated = await decode(page, Buffer.from(withExif(jpg, [[0x0112, 6]])), 'rotated.jpg', false);
  expect(rotated.decoder).toBe('canvas');
  expect([rotated.width, rotated.height]).toEqual([scan.height, scan.width]);
  // A damaged file still gets the teller's message (from the canvas path).
  const cut = readFileSync(cedar(7, 'genuine', 6)).subarray(0, 200);
  const err = await page.evaluate((b) => window.__countersign!.decodeImageBytes(b, 'cut.png', false).then(() => 'decoded', (e: Error) => e.message), Array.from(cut));
  expect(err).toMatch(/"cut\.png" could not be decoded: the file is damaged or is not a real PNG image/);
});
