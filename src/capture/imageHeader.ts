/**
 * Image type and dimensions from the first bytes of a file, without decoding it, so oversized
 * images are refused before the browser allocates their full pixel buffer. Pure.
 */
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'bmp' | 'avif' | 'heic' | 'tiff';

export interface ImageHeader {
  format: ImageFormat;
  /** Declared size; absent when the header could not be read from the bytes given. */
  width?: number;
  height?: number;
}

/** Formats the app accepts (the file picker's accept list). */
export const ACCEPTED_FORMATS: readonly ImageFormat[] = ['png', 'jpeg', 'webp', 'tiff', 'bmp', 'gif'];
export const ACCEPT_ATTRIBUTE = 'image/png,image/jpeg,image/webp,image/tiff,image/bmp,image/gif,.png,.jpg,.jpeg,.webp,.tif,.tiff,.bmp,.gif';
/** The accepted formats in words, for messages and hints. */
export const ACCEPTED_LABEL = 'PNG, JPEG, WebP, TIFF (also fax-compressed cheque scans), BMP or GIF';

/** How many leading bytes to read for sniffImage: enough for JPEG EXIF / ICC segments. */
export const HEADER_BYTES = 512 * 1024;

const be16 = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const be32 = (b: Uint8Array, i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
const le16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const le24 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const le32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

export function sniffImage(b: Uint8Array): ImageHeader | null {
  if (b.length >= 8 && be32(b, 0) === 0x89504e47 && be32(b, 4) === 0x0d0a1a0a) {
    if (b.length >= 24 && ascii(b, 12, 4) === 'IHDR') return { format: 'png', width: be32(b, 16), height: be32(b, 20) };
    return { format: 'png' };
  }
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { format: 'jpeg', ...jpegSize(b) };
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return { format: 'webp', ...webpSize(b) };
  if (b.length >= 10 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return { format: 'gif', width: le16(b, 6), height: le16(b, 8) };
  if (b.length >= 26 && b[0] === 0x42 && b[1] === 0x4d && le32(b, 14) >= 12) {
    const h = le32(b, 22) | 0;
    return { format: 'bmp', width: le32(b, 18) | 0, height: Math.abs(h) };
  }
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp') {
    const brand = ascii(b, 8, 4);
    if (brand === 'avif' || brand === 'avis') return { format: 'avif' };
    if (/^(heic|heix|hevc|mif1|msf1)$/.test(brand)) return { format: 'heic' };
  }
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a))) {
    return { format: 'tiff' };
  }
  return null;
}

/**
 * A JPEG's marker segments in order, up to its image data (or until the bytes end or stop making
 * sense): the marker, where the segment starts (its 0xff) and its length field.
 */
function* jpegSegments(b: Uint8Array): Generator<{ marker: number; at: number; len: number }> {
  let i = 2;
  while (i + 3 < b.length) {
    if (b[i] !== 0xff) return;
    let m = b[i + 1];
    // fill bytes
    while (m === 0xff && i + 2 < b.length) {
      i++;
      m = b[i + 1];
    }
    if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      i += 2;
      continue;
    }
    if (m === 0xd9 || m === 0xda) return; // end of image / start of scan
    if (i + 4 > b.length) return;
    const len = be16(b, i + 2);
    yield { marker: m, at: i, len };
    if (len < 2) return;
    i += 2 + len;
  }
}

/** The size in the first start-of-frame segment. */
function jpegSize(b: Uint8Array): { width?: number; height?: number } {
  for (const { marker: m, at } of jpegSegments(b)) {
    const isSof = m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
    if (isSof) return at + 9 > b.length ? {} : { height: be16(b, at + 5), width: be16(b, at + 7) };
  }
  return {};
}

/**
 * The EXIF orientation (1-8) a JPEG's APP1 segment declares before its image data, or null when it
 * declares none (or the bytes end first). 1 is upright; others ask the viewer to rotate or flip.
 */
export function jpegExifOrientation(b: Uint8Array): number | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  for (const { marker, at, len } of jpegSegments(b)) {
    if (marker === 0xe1 && len >= 16 && at + 2 + len <= b.length && ascii(b, at + 4, 6) === 'Exif\0\0') {
      const o = exifOrientation(b.subarray(at + 10, at + 2 + len));
      if (o !== null) return o;
    }
  }
  return null;
}

/** Tag 0x0112 of IFD0 in a TIFF-structured EXIF block, or null. */
function exifOrientation(t: Uint8Array): number | null {
  if (t.length < 8) return null;
  const le = t[0] === 0x49 && t[1] === 0x49;
  if (!le && !(t[0] === 0x4d && t[1] === 0x4d)) return null;
  const u16 = (k: number) => (le ? le16(t, k) : be16(t, k));
  const u32 = (k: number) => (le ? le32(t, k) : be32(t, k));
  const ifd = u32(4);
  if (ifd + 2 > t.length) return null;
  const n = u16(ifd);
  for (let e = 0; e < n; e++) {
    const at = ifd + 2 + 12 * e;
    if (at + 12 > t.length) return null;
    if (u16(at) === 0x0112) {
      const v = u16(at + 8);
      return v >= 1 && v <= 8 ? v : null;
    }
  }
  return null;
}

function webpSize(b: Uint8Array): { width?: number; height?: number } {
  if (b.length < 30) return {};
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff };
  }
  if (chunk === 'VP8L' && b[20] === 0x2f) {
    const bits = le32(b, 21);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  if (chunk === 'VP8X') return { width: 1 + le24(b, 24), height: 1 + le24(b, 27) };
  return {};
}

export function formatLabel(f: ImageFormat): string {
  return f === 'jpeg' ? 'JPEG' : f === 'webp' ? 'WebP' : f.toUpperCase();
}
