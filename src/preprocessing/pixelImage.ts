/** A decoded raster, as produced by the browser's decoders or a Node PNG/JPEG decoder. */
export interface PixelImage {
  width: number;
  height: number;
  /** 1 = grey, 3 = RGB, 4 = RGBA; row-major, interleaved. */
  channels: 1 | 3 | 4;
  data: Uint8Array | Uint8ClampedArray;
}

/** A single-channel float raster (values usually in [0, 1]). */
export interface GreyImage {
  width: number;
  height: number;
  data: Float32Array;
}

export function assertPixelImage(img: PixelImage): void {
  const { width, height, channels, data } = img;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`invalid image size ${width}x${height}`);
  }
  if (data.length !== width * height * channels) {
    throw new RangeError(`pixel buffer has ${data.length} values, expected ${width * height * channels}`);
  }
}
