import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import UTIF from 'utif2';
import { decodeTiffBytes } from '../../capture/tiff';
import { checkImageSize, type PixelImage } from '../../preprocessing';
import { decodeBmp } from './bmpDecode';

/**
 * Node-side decoder (the browser uses its own): PNG (any bit depth), JPEG, TIFF (first page,
 * with the app's own TIFF path) and BMP to RGBA pixels.
 */
export function decodeImageBytes(bytes: Uint8Array, name = 'image'): PixelImage {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0x89504e47) {
    // Check the declared size before inflating: a huge image is refused cheaply.
    if (buf.length >= 24) checkImageSize(buf.readUInt32BE(16), buf.readUInt32BE(20));
    const png = PNG.sync.read(buf);
    return { width: png.width, height: png.height, channels: 4, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length) };
  }
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) {
    const img = jpeg.decode(buf, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 24 });
    return { width: img.width, height: img.height, channels: 4, data: img.data };
  }
  if (buf.length >= 4 && ((buf[0] === 0x49 && buf[1] === 0x49 && buf[2] === 0x2a && buf[3] === 0) || (buf[0] === 0x4d && buf[1] === 0x4d && buf[2] === 0 && buf[3] === 0x2a))) {
    return decodeTiffBytes(UTIF, bytes, name);
  }
  if (buf.length >= 2 && buf[0] === 0x42 && buf[1] === 0x4d) return decodeBmp(bytes, name);
  throw new Error(`${name}: not a PNG, JPEG, TIFF or BMP file`);
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
