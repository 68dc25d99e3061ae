import type { Rng } from '../training/data/random';

/** An ink coverage raster (0 = paper, 1 = full ink), row-major. */
export interface InkMask {
  width: number;
  height: number;
  data: Float32Array;
}

/**
 * A smooth random field: normal values on a (cellsX+1) x (cellsY+1) grid, bilinearly
 * interpolated over width x height and scaled by amp.
 */
export function smoothField(rng: Rng, width: number, height: number, cellsX: number, cellsY: number, amp: number): Float32Array {
  const gw = cellsX + 1;
  const grid = Float32Array.from({ length: gw * (cellsY + 1) }, () => rng.normal() * amp);
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const gy = (y / Math.max(1, height - 1)) * cellsY;
    const y0 = Math.min(cellsY - 1, Math.floor(gy));
    const fy = gy - y0;
    for (let x = 0; x < width; x++) {
      const gx = (x / Math.max(1, width - 1)) * cellsX;
      const x0 = Math.min(cellsX - 1, Math.floor(gx));
      const fx = gx - x0;
      const a = grid[y0 * gw + x0], b = grid[y0 * gw + x0 + 1], c = grid[(y0 + 1) * gw + x0], d = grid[(y0 + 1) * gw + x0 + 1];
      out[y * width + x] = (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
    }
  }
  return out;
}

/** Bilinear sample of m at (x, y); 0 outside. */
function sample(m: InkMask, x: number, y: number): number {
  const x0 = Math.floor(x), y0 = Math.floor(y);
  if (x0 < 0 || y0 < 0 || x0 + 1 >= m.width || y0 + 1 >= m.height) return 0;
  const fx = x - x0, fy = y - y0, i = y0 * m.width + x0, d = m.data;
  return (d[i] * (1 - fx) + d[i + 1] * fx) * (1 - fy) + (d[i + m.width] * (1 - fx) + d[i + m.width + 1] * fx) * fy;
}

/** out(x, y) = m(x - dx(x, y), y - dy(x, y)). */
export function warp(m: InkMask, dx: Float32Array, dy: Float32Array): InkMask {
  const out = new Float32Array(m.width * m.height);
  for (let y = 0, i = 0; y < m.height; y++) for (let x = 0; x < m.width; x++, i++) out[i] = sample(m, x - dx[i], y - dy[i]);
  return { width: m.width, height: m.height, data: out };
}

/** Separable box blur of radius r (r = 0 returns a copy). */
export function boxBlur(m: InkMask, r: number): InkMask {
  const { width: w, height: h } = m;
  if (r <= 0) return { width: w, height: h, data: m.data.slice() };
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  const n = 2 * r + 1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = -r; k <= r; k++) s += m.data[y * w + Math.min(w - 1, Math.max(0, x + k))];
      tmp[y * w + x] = s / n;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = -r; k <= r; k++) s += tmp[Math.min(h - 1, Math.max(0, y + k)) * w + x];
      out[y * w + x] = s / n;
    }
  }
  return { width: w, height: h, data: out };
}

/** Soft threshold: coverage 0 below t - soft, 1 above t + soft, linear between. */
export function threshold(m: InkMask, t: number | Float32Array, soft = 0.15): InkMask {
  const out = new Float32Array(m.data.length);
  for (let i = 0; i < out.length; i++) {
    const ti = typeof t === 'number' ? t : t[i];
    out[i] = Math.min(1, Math.max(0, (m.data[i] - ti + soft) / (2 * soft)));
  }
  return { width: m.width, height: m.height, data: out };
}

/** Adds filled discs of ink at `count` random ink pixels (a forger's hesitation blobs). */
export function addBlobs(rng: Rng, m: InkMask, count: number, radius: number): InkMask {
  const ink: number[] = [];
  for (let i = 0; i < m.data.length; i++) if (m.data[i] > 0.6) ink.push(i);
  const out = m.data.slice();
  for (let b = 0; b < count && ink.length; b++) {
    const c = ink[rng.int(ink.length)];
    const cx = c % m.width, cy = Math.floor(c / m.width);
    const r = radius * rng.uniform(0.8, 1.3);
    for (let y = Math.floor(cy - r - 1); y <= cy + r + 1; y++) {
      for (let x = Math.floor(cx - r - 1); x <= cx + r + 1; x++) {
        if (x < 0 || y < 0 || x >= m.width || y >= m.height) continue;
        const cov = Math.min(1, Math.max(0, r + 0.5 - Math.hypot(x - cx, y - cy)));
        const i = y * m.width + x;
        out[i] = Math.max(out[i], cov);
      }
    }
  }
  return { width: m.width, height: m.height, data: out };
}
