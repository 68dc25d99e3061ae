import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import UTIF from 'utif2';
import { HEADER_BYTES, sniffImage } from '../../capture/imageHeader';
import { decodeTiffBytes } from '../../capture/tiff';
import { checkImageSize, type PixelImage } from '../../preprocessing';
import { decodeBmp } from './bmpDecode';

/**
 * Node-side decoder (the browser uses its own): PNG (any bit depth), JPEG, TIFF (first page,
 * with the app's own TIFF path) and BMP to RGBA pixels. The format and declared size come from
 * the app's own header sniffing (sniffImage), so a huge image is refused before it is inflated.
 */
export function decodeImageBytes(bytes: Uint8Array, name = 'image'): PixelImage {
  const header = sniffImage(bytes.subarray(0, HEADER_BYTES));
  if (header?.width !== undefined && header.height !== undefined) checkImageSize(header.width, header.height);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (header?.format) {
    case 'png': {
      const png = PNG.sync.read(buf);
      return { width: png.width, height: png.height, channels: 4, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length) };
    }
    case 'jpeg': {
      const img = jpeg.decode(buf, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 24 });
      return { width: img.width, height: img.height, channels: 4, data: img.data };
    }
    case 'tiff':
      return decodeTiffBytes(UTIF, bytes, name);
    case 'bmp':
      return decodeBmp(bytes, name);
    default:
      throw new Error(`${name}: not a PNG, JPEG, TIFF or BMP file`);
  }
}

export function decodeImageFile(path: string): PixelImage {
  return decodeImageBytes(readFileSync(path), path);
}

/** Encodes a [0,1] grey raster (ink bright) as a PNG with dark ink on white, for inspection. */
export function encodeGreyPng(data: Float32Array, width: number, height: number, inkBright = true): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    const v = Math.round(255 * (inkBright ? 1 - data[i] : data[i]));
    png.data[4 * i] = png.data[4 * i + 1] = png.data[4 * i + 2] = v;
    png.data[4 * i + 3] = 255;
  }
  return PNG.sync.write(png);
}
