import type * as UTIFModule from 'utif2';
import type { PixelImage } from '../preprocessing';
import { CaptureError } from './errors';
import { checkDecodedSize } from './inspect';

/** The UTIF.js decoder (utif2): loaded on demand in the browser, imported directly in Node. */
export type TiffDecoder = Pick<typeof UTIFModule, 'decode' | 'decodeImage' | 'toRGBA8'>;

/** Loads the TIFF decoder only when a TIFF arrives (it stays out of the app's main bundle). */
export async function loadTiffDecoder(): Promise<TiffDecoder> {
  const m = (await import('utif2')) as unknown as TiffDecoder & { default?: TiffDecoder };
  return m.default ?? m;
}

/**
 * Decodes the first page of a TIFF to RGBA pixels. Browsers have no TIFF decoder, but scanners
 * and cheque imaging write TIFF, often bi-level with CCITT Group 4 compression, so the app and
 * the Node tools both decode it with UTIF.js. The declared size is checked before any pixel is
 * inflated. A file with more pages (a cheque's front and back) is read from its first page, and
 * `note` is told so, in words for the teller; reduced-resolution copies (thumbnails) are not
 * pages. Throws CaptureError ('corrupt', 'too-large').
 */
export function decodeTiffBytes(utif: TiffDecoder, bytes: Uint8Array, name: string, note?: (text: string) => void): PixelImage {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const damaged = (cause?: unknown) =>
    new CaptureError('corrupt', `"${name}" could not be decoded: the file is damaged or is not a real TIFF image.`, cause === undefined ? undefined : { cause });
  let pages: UTIFModule.IFD[];
  try {
    pages = utif.decode(buffer);
  } catch (err) {
    throw damaged(err);
  }
  const tag = (ifd: UTIFModule.IFD, t: string) => {
    const v = ifd[t];
    return Array.isArray(v) || ArrayBuffer.isView(v) ? Number((v as ArrayLike<number>)[0]) : undefined;
  };
  // NewSubfileType (254) bit 0 marks a reduced-resolution copy of another page.
  const images = pages.filter((p) => (tag(p, 't256') ?? 0) > 0 && (tag(p, 't257') ?? 0) > 0 && ((tag(p, 't254') ?? 0) & 1) === 0);
  const page = images[0];
  if (!page) throw damaged();
  if (images.length > 1)
    note?.(`"${name}" has ${images.length} pages; page 1 was used. If the signature is on another page, save that page as its own image and use that file.`);
  const width = tag(page, 't256')!;
  const height = tag(page, 't257')!;
  checkDecodedSize(name, width, height);
  let rgba: Uint8Array;
  try {
    utif.decodeImage(buffer, page);
    rgba = utif.toRGBA8(page);
  } catch (err) {
    throw damaged(err);
  }
  if (page.width !== width || page.height !== height || rgba.length !== width * height * 4) throw damaged();
  return { width, height, channels: 4, data: rgba };
}
