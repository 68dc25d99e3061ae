import type { GreyImage } from './pixelImage';

/**
 * Ink darkness relative to the local paper brightness, in [0, 1] (0 = paper, 1 = black ink).
 *
 * The paper level is estimated per block as a high percentile of the block (paper dominates
 * any block larger than a stroke), smoothed over neighbouring blocks and interpolated. Dividing
 * by it removes paper tone, scanner grey and uneven lighting: a grey CEDAR scan and a white
 * one give the same result (the background shortcut named in the dataset manifest).
 */
export function inkDarkness(img: GreyImage): GreyImage {
  const { width, height } = img;
  const block = Math.max(8, Math.round(Math.max(width, height) / 12));
  const bw = Math.ceil(width / block);
  const bh = Math.ceil(height / block);
  const paper = blockPaperLevels(img, block, bw, bh);
  // A block covered mostly by ink reads too dark: take the max over the 3x3 neighbourhood.
  const smooth = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let m = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = by + dy;
          const xx = bx + dx;
          if (yy >= 0 && yy < bh && xx >= 0 && xx < bw) m = Math.max(m, paper[yy * bw + xx]);
        }
      }
      smooth[by * bw + bx] = Math.max(m, 0.05);
    }
  }
  return { width, height, data: divideByPaper(img, smooth, block, bw, bh) };
}

/** Paper level of each block: the 90th percentile of its brightness (robust to a few bright noise pixels). */
function blockPaperLevels(img: GreyImage, block: number, bw: number, bh: number): Float32Array {
  const { width, height, data } = img;
  const paper = new Float32Array(bw * bh);
  const hist = new Uint32Array(64);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      hist.fill(0);
      const y1 = Math.min(height, (by + 1) * block);
      const xa = bx * block;
      const x1 = Math.min(width, xa + block);
      for (let y = by * block; y < y1; y++) {
        const row = y * width;
        // values are in [0, 1], so truncation is the floor
        for (let x = xa; x < x1; x++) {
          const k = (data[row + x] * 64) | 0;
          hist[k > 63 ? 63 : k]++;
        }
      }
      let target = (y1 - by * block) * (x1 - xa) * 0.9;
      let level = 63;
      for (let k = 0; k < 64; k++) {
        target -= hist[k];
        if (target <= 0) {
          level = k;
          break;
        }
      }
      paper[by * bw + bx] = (level + 0.5) / 64;
    }
  }
  return paper;
}

/** 1 - pixel / paper level (bilinear between block centres), clamped to [0, 1]. */
function divideByPaper(img: GreyImage, smooth: Float32Array, block: number, bw: number, bh: number): Float32Array {
  const { width, height, data } = img;
  // The column terms of the interpolation are the same for every row.
  const colX0 = new Int32Array(width);
  const colX1 = new Int32Array(width);
  const colT = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    const fx = Math.min(bw - 1, Math.max(0, (x + 0.5) / block - 0.5));
    colX0[x] = Math.floor(fx);
    colX1[x] = Math.min(bw - 1, colX0[x] + 1);
    colT[x] = fx - colX0[x];
  }
  // The row terms only change between block centres: interpolate along x once per pair of block
  // rows (the same products as the bilinear formula, so the same values).
  const top = new Float64Array(width);
  const bottom = new Float64Array(width);
  let rowsOf = -1;
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const fy = Math.min(bh - 1, Math.max(0, (y + 0.5) / block - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(bh - 1, y0 + 1);
    const ty = fy - y0;
    if (y0 !== rowsOf) {
      rowsOf = y0;
      const r0 = y0 * bw;
      const r1 = y1 * bw;
      for (let x = 0; x < width; x++) {
        const x0 = colX0[x];
        const x1 = colX1[x];
        const tx = colT[x];
        top[x] = smooth[r0 + x0] * (1 - tx) + smooth[r0 + x1] * tx;
        bottom[x] = smooth[r1 + x0] * (1 - tx) + smooth[r1 + x1] * tx;
      }
    }
    const uy = 1 - ty;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const p = top[x] * uy + bottom[x] * ty;
      const v = 1 - data[row + x] / p;
      out[row + x] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  }
  return out;
}
