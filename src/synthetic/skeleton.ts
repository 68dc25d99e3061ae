import type { InkMask } from './inkField';

/**
 * Zhang-Suen thinning of the binary mask (coverage > 0.5): the one-pixel centre line of every
 * stroke, the path a pen tip would have followed.
 */
export function skeletonize(m: InkMask): Uint8Array {
  const { width: w, height: h } = m;
  const img = new Uint8Array(w * h);
  for (let i = 0; i < img.length; i++) img[i] = m.data[i] > 0.5 ? 1 : 0;
  for (let y = 0; y < h; y++) img[y * w] = img[y * w + w - 1] = 0;
  for (let x = 0; x < w; x++) img[x] = img[(h - 1) * w + x] = 0;
  const del: number[] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (let pass = 0; pass < 2; pass++) {
      del.length = 0;
      for (let y = 1; y < h - 1; y++) {
        for (let x = 1; x < w - 1; x++) {
          const i = y * w + x;
          if (!img[i]) continue;
          const p2 = img[i - w], p3 = img[i - w + 1], p4 = img[i + 1], p5 = img[i + w + 1];
          const p6 = img[i + w], p7 = img[i + w - 1], p8 = img[i - 1], p9 = img[i - w - 1];
          const b = p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9;
          if (b < 2 || b > 6) continue;
          const seq = [p2, p3, p4, p5, p6, p7, p8, p9, p2];
          let a = 0;
          for (let k = 0; k < 8; k++) if (!seq[k] && seq[k + 1]) a++;
          if (a !== 1) continue;
          if (pass === 0 ? p2 * p4 * p6 || p4 * p6 * p8 : p2 * p4 * p8 || p2 * p6 * p8) continue;
          del.push(i);
        }
      }
      for (const i of del) img[i] = 0;
      if (del.length) changed = true;
    }
  }
  return img;
}

/**
 * Redraws a centre line as a pen of the given radius would: an anti-aliased disc at every
 * centre-line pixel. `radiusAt` lets the radius follow pressure.
 */
export function drawPen(line: Uint8Array, width: number, height: number, radiusAt: (i: number) => number): InkMask {
  const out = new Float32Array(width * height);
  for (let i = 0; i < line.length; i++) {
    if (!line[i]) continue;
    const cx = i % width, cy = Math.floor(i / width);
    const r = radiusAt(i);
    const R = Math.ceil(r + 1);
    for (let y = Math.max(0, cy - R); y <= Math.min(height - 1, cy + R); y++) {
      for (let x = Math.max(0, cx - R); x <= Math.min(width - 1, cx + R); x++) {
        const cov = Math.min(1, Math.max(0, r + 0.5 - Math.hypot(x - cx, y - cy)));
        const j = y * width + x;
        if (cov > out[j]) out[j] = cov;
      }
    }
  }
  return { width, height, data: out };
}
