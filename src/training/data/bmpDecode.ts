import { checkImageSize, type PixelImage } from '../../preprocessing';

/**
 * Windows BMP to RGBA (Node only: browsers decode BMP themselves). Uncompressed 1, 4, 8, 24 and
 * 32 bits per pixel (BI_RGB, and BI_BITFIELDS with the usual masks), bottom-up or top-down, as
 * signature data sets and scanner software write them. RLE-compressed files are refused.
 */
export function decodeBmp(b: Uint8Array, name = 'image'): PixelImage {
  const fail = (why: string) => new Error(`${name}: ${why}`);
  if (b.length < 30 || b[0] !== 0x42 || b[1] !== 0x4d) throw fail('not a BMP file');
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const dataOffset = v.getUint32(10, true);
  const headerSize = v.getUint32(14, true);
  if (headerSize < 40) throw fail('OS/2 BMP headers are not supported; save it as PNG');
  const width = v.getInt32(18, true);
  const rawHeight = v.getInt32(22, true);
  const bpp = v.getUint16(28, true);
  const compression = v.getUint32(30, true);
  const height = Math.abs(rawHeight);
  if (width <= 0 || height === 0) throw fail(`impossible size ${width}x${rawHeight}`);
  checkImageSize(width, height);
  if (![1, 4, 8, 24, 32].includes(bpp)) throw fail(`${bpp}-bit BMP is not supported`);
  if (!(compression === 0 || (compression === 3 && bpp === 32))) throw fail('compressed BMP is not supported; save it as PNG');
  const stride = Math.ceil((width * bpp) / 32) * 4;
  if (dataOffset + stride * height > b.length) throw fail('the file is truncated');
  let palette: Uint8Array | null = null;
  if (bpp <= 8) {
    const colours = v.getUint32(46, true) || 1 << bpp;
    const at = 14 + headerSize;
    if (at + 4 * colours > dataOffset) throw fail('the colour table is damaged');
    palette = b.subarray(at, at + 4 * colours); // B, G, R, reserved
  }
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = dataOffset + stride * (rawHeight > 0 ? height - 1 - y : y);
    for (let x = 0; x < width; x++) {
      const o = 4 * (y * width + x);
      let p = 0;
      if (bpp === 24 || bpp === 32) {
        p = row + x * (bpp / 8);
        out[o] = b[p + 2];
        out[o + 1] = b[p + 1];
        out[o + 2] = b[p];
        out[o + 3] = 255;
        continue;
      }
      const bit = x * bpp;
      const byte = b[row + (bit >> 3)];
      const index = (byte >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
      p = 4 * index;
      if (p + 2 >= palette!.length) throw fail('a pixel points outside the colour table');
      out[o] = palette![p + 2];
      out[o + 1] = palette![p + 1];
      out[o + 2] = palette![p];
      out[o + 3] = 255;
    }
  }
  return { width, height, channels: 4, data: out };
}
