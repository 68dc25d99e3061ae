import type { PixelImage } from '../preprocessing';
import { CaptureError } from './errors';
import { formatLabel, HEADER_BYTES } from './imageHeader';
import { decodeWithImageDecoder } from './imageDecoder';
import { checkDecodedSize, inspectImageFile } from './inspect';
import { decodeTiffBytes, loadTiffDecoder } from './tiff';

/** Which decoder gave an image's pixels: WebCodecs' ImageDecoder, createImageBitmap and a 2D canvas, or UTIF.js. */
export type DecoderUsed = 'image-decoder' | 'canvas' | 'tiff';

/**
 * Decodes an image file with the browser's own decoders into RGBA pixels (browser only); TIFF,
 * which browsers cannot decode, with UTIF.js (see decodeTiffBytes). Size, type and declared
 * dimensions are checked first (see inspectImageFile); the decoded image's size is checked
 * again before its pixels are copied out. `note` hears what the teller should know about a file
 * that was still usable (a multi-page TIFF read from its first page).
 */
export async function decodeImageBlob(blob: Blob, name: string, note?: (text: string) => void): Promise<PixelImage> {
  return (await decodeImageBlobWith(blob, name, { note })).pixels;
}

/**
 * decodeImageBlob, saying which decoder gave the pixels. WebCodecs' ImageDecoder is tried first
 * (decodeWithImageDecoder: the same pixels, checked in e2e/decode-paths.spec.ts, without the
 * canvas copy); createImageBitmap through a 2D canvas decides wherever it cannot (and always
 * with `canvasOnly`). A file of at most HEADER_BYTES (a signature scan is a few KB) is read once
 * for both the header check and the decoder.
 */
export async function decodeImageBlobWith(
  blob: Blob,
  name: string,
  opts: { note?: (text: string) => void; canvasOnly?: boolean } = {},
): Promise<{ pixels: PixelImage; decoder: DecoderUsed }> {
  const whole = blob.size <= HEADER_BYTES;
  const head = await readBytes(whole ? blob : blob.slice(0, HEADER_BYTES), name);
  const header = inspectImageFile(name, blob.size, head);
  const bytes = async () => (whole ? head : readBytes(blob, name));
  if (header.format === 'tiff') return { pixels: await decodeTiffBytes(await loadTiffDecoder(), await bytes(), name, opts.note), decoder: 'tiff' };
  if (!opts.canvasOnly) {
    const pixels = await decodeWithImageDecoder(header.format, name, head, bytes);
    if (pixels) return { pixels, decoder: 'image-decoder' };
  }
  return { pixels: await decodeThroughCanvas(blob, name, formatLabel(header.format)), decoder: 'canvas' };
}

/** createImageBitmap (which applies EXIF orientation), then the pixels copied out through a 2D canvas. */
async function decodeThroughCanvas(blob: Blob, name: string, label: string): Promise<PixelImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  } catch (err) {
    throw new CaptureError('corrupt', `"${name}" could not be decoded: the file is damaged or is not a real ${label} image.`, { cause: err });
  }
  try {
    const { width, height } = bitmap;
    if (width === 0 || height === 0) throw new CaptureError('corrupt', `"${name}" has no pixels; the file is damaged.`);
    checkDecodedSize(name, width, height);
    return bitmapToPixels(bitmap);
  } finally {
    bitmap.close();
  }
}

/** The bytes of (part of) a file; a read error becomes the teller-facing 'read-failed'. */
async function readBytes(blob: Blob, name: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await blob.arrayBuffer());
  } catch (err) {
    throw new CaptureError('read-failed', `"${name}" could not be read (${(err as Error)?.message ?? err}). Choose the file again.`, { cause: err });
  }
}

/** Copies a bitmap's pixels (RGBA, straight alpha) out through a 2D canvas. */
export function bitmapToPixels(source: ImageBitmap | HTMLCanvasElement | OffscreenCanvas): PixelImage {
  const { width, height } = source;
  const canvas = makeCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) throw new CaptureError('read-failed', 'This browser could not create a 2D canvas to read the image.');
  ctx.drawImage(source, 0, 0);
  const data = ctx.getImageData(0, 0, width, height).data;
  return { width, height, channels: 4, data };
}

export function makeCanvas(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  return c;
}
