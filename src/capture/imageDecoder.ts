import type { PixelImage } from '../preprocessing';
import { jpegExifOrientation, type ImageFormat } from './imageHeader';
import { checkDecodedSize } from './inspect';

/**
 * The formats WebCodecs' ImageDecoder is asked for. Not WebP (its EXIF orientation would only show
 * after decoding, and then the canvas path decodes again) nor TIFF (never the browser's).
 */
const MIME: Partial<Record<ImageFormat, string>> = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', bmp: 'image/bmp' };

const supported = new Map<string, Promise<boolean>>();

/** Whether this browser's ImageDecoder reads `type` (asked once per type). */
function decoderReads(type: string): Promise<boolean> {
  if (typeof ImageDecoder === 'undefined') return Promise.resolve(false);
  let p = supported.get(type);
  if (!p) {
    p = ImageDecoder.isTypeSupported(type).catch(() => false);
    supported.set(type, p);
  }
  return p;
}

/**
 * Decodes a file (`head`: its first bytes, as inspectImageFile read them; `readFile`: all of it) with the browser's WebCodecs ImageDecoder into straight-alpha RGBA: the
 * same browser decoder as createImageBitmap, without the 2D canvas the other path copies the
 * pixels through (about 1-2 ms of a verification on a small scan). The first frame, no colour
 * conversion (as the canvas path).
 *
 * Returns null wherever the canvas path must decide instead: no ImageDecoder or no support for
 * the type, a JPEG whose EXIF header asks for rotation or flipping (createImageBitmap applies it),
 * a file it cannot decode (the canvas path then gives the teller its message), a frame that still
 * has to be rotated or flipped or a browser whose frames do not say whether they do, or a frame
 * it cannot convert to RGBA.
 * An image over the pixel limit is refused (CaptureError 'too-large') before its pixels are copied.
 */
export async function decodeWithImageDecoder(
  format: ImageFormat,
  name: string,
  head: Uint8Array,
  readFile: () => Promise<Uint8Array>,
): Promise<PixelImage | null> {
  const type = MIME[format];
  if (!type || !(await decoderReads(type))) return null;
  // A photo to be turned upright goes straight to createImageBitmap (which turns it), not decoded twice.
  if (format === 'jpeg' && (jpegExifOrientation(head) ?? 1) !== 1) return null;
  // Read only now: a file this path will not take is not read whole for nothing.
  const bytes = await readFile();
  let decoder: ImageDecoder | undefined;
  let frame: VideoFrame | undefined;
  try {
    decoder = new ImageDecoder({ data: bytes, type, colorSpaceConversion: 'none' });
    frame = (await decoder.decode({ frameIndex: 0 })).image;
  } catch {
    frame?.close();
    decoder?.close();
    return null;
  }
  try {
    const oriented = frame as VideoFrame & { rotation?: number; flip?: boolean };
    if (typeof oriented.rotation !== 'number' || oriented.rotation !== 0 || oriented.flip !== false) return null;
    const width = frame.displayWidth;
    const height = frame.displayHeight;
    if (width !== frame.codedWidth || height !== frame.codedHeight || width === 0 || height === 0) return null;
    checkDecodedSize(name, width, height);
    const data = new Uint8Array(width * height * 4);
    try {
      await frame.copyTo(data, { format: 'RGBA' });
    } catch {
      return null;
    }
    return { width, height, channels: 4, data };
  } finally {
    frame.close();
    decoder.close();
  }
}
