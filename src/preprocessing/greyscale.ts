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
    // A grey pixel (r = g = b, as scans and pads are) is looked up: the same formula on the same
    // bytes, computed once per (grey, alpha) pair, so the same float.
    const table = greyAlphaTable();
    for (let i = 0, j = 0; i < n; i++, j += channels) {
      const r = data[j];
      const a = channels === 4 ? data[j + 3] : 255;
      if (r === data[j + 1] && r === data[j + 2]) {
        out[i] = table[(a << 8) | r];
        continue;
      }
      out[i] = composite(r, data[j + 1], data[j + 2], a);
    }
  }
  return { width, height, data: out };
}

/** Luminance of an RGBA pixel composited over white (alpha 255: opaque). */
function composite(r: number, g: number, b: number, a: number): number {
  const luma = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
  const alpha = a / 255;
  return 1 - alpha * (1 - luma);
}

let greyAlpha: Float32Array | null = null;

/** composite(v, v, v, a) at index a * 256 + v, as float32 (toGrey's output type); built on first use. */
function greyAlphaTable(): Float32Array {
  if (!greyAlpha) {
    const t = new Float32Array(256 * 256);
    for (let a = 0; a < 256; a++) for (let v = 0; v < 256; v++) t[(a << 8) | v] = composite(v, v, v, a);
    greyAlpha = t;
  }
  return greyAlpha;
}

/** 8-bit single-channel copy of any PixelImage (alpha composited over white). */
export function toGreyPixels(img: PixelImage): PixelImage {
  if (img.channels === 1) return img;
  const g = toGrey(img);
  const data = new Uint8Array(g.data.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(g.data[i] * 255);
  return { width: img.width, height: img.height, channels: 1, data };
}
