import { PreprocessError } from './errors';
import { toGrey } from './greyscale';
import { assertPixelImage, type GreyImage, type PixelImage } from './pixelImage';

/** Largest image accepted, in pixels (24 megapixels). Decoders should refuse larger files before decoding. */
export const MAX_PIXELS = 24_000_000;

export function checkImageSize(width: number, height: number): void {
  if (width * height > MAX_PIXELS) {
    const mp = ((width * height) / 1e6).toFixed(1);
    throw new PreprocessError(
      'too-large',
      `The image is ${width}x${height} (${mp} megapixels); the limit is ${MAX_PIXELS / 1e6} megapixels. Crop it to the signature or scan at a lower resolution.`,
    );
  }
}

export function greyFromPixels(img: PixelImage): GreyImage {
  checkImageSize(img.width, img.height);
  assertPixelImage(img);
  return toGrey(img);
}
