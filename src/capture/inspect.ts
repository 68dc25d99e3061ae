import { checkImageSize, MAX_PIXELS, PreprocessError } from '../preprocessing';
import { CaptureError } from './errors';
import { ACCEPTED_FORMATS, ACCEPTED_LABEL, formatLabel, sniffImage, type ImageHeader } from './imageHeader';

/** Largest file read at all (a 24-megapixel JPEG is far smaller). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Checks a file before decoding, from its size and leading bytes: refuses empty, oversized,
 * non-image and unsupported files, and images whose header declares more than MAX_PIXELS.
 * Pure; throws CaptureError.
 */
export function inspectImageFile(name: string, byteLength: number, head: Uint8Array): ImageHeader {
  if (byteLength === 0) throw new CaptureError('empty-file', `"${name}" is empty (0 bytes). Choose the scanned or photographed signature itself.`);
  if (byteLength > MAX_FILE_BYTES) {
    throw new CaptureError(
      'file-too-big',
      `"${name}" is ${(byteLength / 1048576).toFixed(0)} MB; files over ${MAX_FILE_BYTES / 1048576} MB are refused. Crop the image to the signature.`,
    );
  }
  const header = sniffImage(head);
  if (!header) {
    throw new CaptureError('not-image', `"${name}" is not an image. Choose a ${ACCEPTED_LABEL} picture of the signature.`);
  }
  if (!ACCEPTED_FORMATS.includes(header.format)) {
    throw new CaptureError(
      'unsupported-format',
      `"${name}" is a ${formatLabel(header.format)} image, which this browser cannot read; accepted are ${ACCEPTED_LABEL}. Save it in one of those formats.`,
    );
  }
  if (header.width !== undefined && header.height !== undefined) {
    if (header.width <= 0 || header.height <= 0) {
      throw new CaptureError('corrupt', `"${name}" declares an impossible size (${header.width}x${header.height}); the file is damaged.`);
    }
    checkDecodedSize(name, header.width, header.height);
  }
  return header;
}

/** Refuses an image over MAX_PIXELS with the shared preprocessing message, naming the file. */
export function checkDecodedSize(name: string, width: number, height: number): void {
  try {
    checkImageSize(width, height);
  } catch (err) {
    if (err instanceof PreprocessError) throw new CaptureError('too-large', `"${name}" is too large: ${lowerFirst(err.message)}`, { cause: err });
    throw err;
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

export { MAX_PIXELS };
