import type { GreyImage } from '../preprocessing/pixelImage';

/**
 * The page (grey, [0, 1], ink dark) as a broader pen would have written it: every pixel takes the darkest value
 * within `radius` pixels (a disc), so each stroke grows by `radius` on both sides (a felt-tip or a fountain pen
 * where the references were written with a ballpoint). Radius 0 returns a copy.
 */
export function withBroaderPen(page: GreyImage, radius: number): GreyImage {
  const { width: w, height: h, data } = page;
  const r = Math.max(0, Math.floor(radius));
  const offsets: [number, number][] = [];
  for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) if (dx * dx + dy * dy <= r * r + r) offsets.push([dx, dy]);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let v = data[y * w + x];
      for (const [dx, dy] of offsets) {
        const X = x + dx;
        const Y = y + dy;
        if (X >= 0 && Y >= 0 && X < w && Y < h && data[Y * w + X] < v) v = data[Y * w + X];
      }
      out[y * w + x] = v;
    }
  return { width: w, height: h, data: out };
}
