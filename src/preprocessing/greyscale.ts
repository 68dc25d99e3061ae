import type { GreyImage, PixelImage } from './pixelImage';

/**
 * Luminance in [0, 1] (1 = white paper). Transparent pixels are composited over white, so a
 * signature drawn on a transparent canvas reads as dark ink on white.
 */
export function toGrey(img: PixelImage): GreyImage {
  const { width, height, channels, data } = img;
  const n = width * height;
  const out = new Float32Array(n);
  if (channels === 1) {
    for (let i = 0; i < n; i++) out[i] = data[i] / 255;
  } else {
    for (let i = 0, j = 0; i < n; i++, j += channels) {
      const luma = (0.299 * data[j] + 0.587 * data[j + 1] + 0.114 * data[j + 2]) / 255;
      const alpha = channels === 4 ? data[j + 3] / 255 : 1;
      out[i] = 1 - alpha * (1 - luma);
    }
  }
  return { width, height, data: out };
}

/** 8-bit single-channel copy of any PixelImage (alpha composited over white). */
export function toGreyPixels(img: PixelImage): PixelImage {
  if (img.channels === 1) return img;
  const g = toGrey(img);
  const data = new Uint8Array(g.data.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(g.data[i] * 255);
  return { width: img.width, height: img.height, channels: 1, data };
}
