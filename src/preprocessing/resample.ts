import type { GreyImage } from './pixelImage';

/**
 * Area-average (box) resampling of a rectangle of `src` into a `dw` x `dh` raster. Exact for
 * down-scaling (every source pixel contributes by its covered area) and bilinear-like for
 * up-scaling. The rectangle is [x0, x0+w) x [y0, y0+h) in source pixels.
 */
export function resampleArea(
  src: GreyImage,
  x0: number,
  y0: number,
  w: number,
  h: number,
  dw: number,
  dh: number,
): Float32Array {
  const out = new Float32Array(dw * dh);
  const sx = w / dw;
  const sy = h / dh;
  if (sx <= 1 && sy <= 1) return resampleBilinear(src, x0, y0, w, h, dw, dh);
  // Column weights are the same for every row: precompute them, flat (column dx's weights start
  // at colOff[dx]), with each column's weight sum.
  const colStart = new Int32Array(dw);
  const colEnd = new Int32Array(dw);
  const colOff = new Int32Array(dw + 1);
  for (let dx = 0; dx < dw; dx++) {
    const a = x0 + dx * sx;
    colStart[dx] = Math.max(0, Math.floor(a));
    colEnd[dx] = Math.min(src.width, Math.ceil(a + sx));
    colOff[dx + 1] = colOff[dx] + Math.max(0, colEnd[dx] - colStart[dx]);
  }
  const colW = new Float64Array(colOff[dw]);
  const colSum = new Float64Array(dw);
  for (let dx = 0; dx < dw; dx++) {
    const a = x0 + dx * sx;
    const b = a + sx;
    let sum = 0;
    for (let x = colStart[dx], k = colOff[dx]; x < colEnd[dx]; x++, k++) {
      colW[k] = Math.max(0, Math.min(b, x + 1) - Math.max(a, x));
      sum += colW[k];
    }
    colSum[dx] = sum;
  }
  const data = src.data;
  const rowAcc = new Float32Array(dw);
  for (let dy = 0; dy < dh; dy++) {
    const a = y0 + dy * sy;
    const b = a + sy;
    const ys = Math.max(0, Math.floor(a));
    const ye = Math.min(src.height, Math.ceil(b));
    rowAcc.fill(0);
    let wySum = 0;
    for (let y = ys; y < ye; y++) {
      const wy = Math.max(0, Math.min(b, y + 1) - Math.max(a, y));
      if (wy <= 0) continue;
      wySum += wy;
      const row = y * src.width;
      for (let dx = 0; dx < dw; dx++) {
        let acc = 0;
        for (let k = colOff[dx], x = colStart[dx]; x < colEnd[dx]; x++, k++) acc += colW[k] * data[row + x];
        rowAcc[dx] += wy * acc;
      }
    }
    for (let dx = 0; dx < dw; dx++) {
      const area = wySum * colSum[dx];
      out[dy * dw + dx] = area > 0 ? rowAcc[dx] / area : 0;
    }
  }
  return out;
}

function resampleBilinear(
  src: GreyImage,
  x0: number,
  y0: number,
  w: number,
  h: number,
  dw: number,
  dh: number,
): Float32Array {
  const out = new Float32Array(dw * dh);
  const { width, height, data } = src;
  for (let dy = 0; dy < dh; dy++) {
    const fy = Math.min(height - 1, Math.max(0, y0 + ((dy + 0.5) * h) / dh - 0.5));
    const yA = Math.floor(fy);
    const yB = Math.min(height - 1, yA + 1);
    const ty = fy - yA;
    for (let dx = 0; dx < dw; dx++) {
      const fx = Math.min(width - 1, Math.max(0, x0 + ((dx + 0.5) * w) / dw - 0.5));
      const xA = Math.floor(fx);
      const xB = Math.min(width - 1, xA + 1);
      const tx = fx - xA;
      const top = data[yA * width + xA] * (1 - tx) + data[yA * width + xB] * tx;
      const bot = data[yB * width + xA] * (1 - tx) + data[yB * width + xB] * tx;
      out[dy * dw + dx] = top * (1 - ty) + bot * ty;
    }
  }
  return out;
}

/** Scales an image so its longest side is at most `maxSide` (area averaging); never enlarges. */
export function limitSize(img: GreyImage, maxSide: number): GreyImage {
  const long = Math.max(img.width, img.height);
  if (long <= maxSide) return img;
  const s = maxSide / long;
  const width = Math.max(1, Math.round(img.width * s));
  const height = Math.max(1, Math.round(img.height * s));
  return { width, height, data: resampleArea(img, 0, 0, img.width, img.height, width, height) };
}
