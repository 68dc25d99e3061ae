import { expect } from 'vitest';

/**
 * Share of a's ink (> 0.3) with ink of b within 2 pixels: two rasters of one signature cropped a
 * pixel apart share little exact ink (strokes are 1-2 pixels wide), but all of it within 2 pixels.
 */
export function inkCoverage(a: Float32Array, b: Float32Array, width = 192): number {
  const height = a.length / width;
  let near = 0;
  let ink = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      if (!(a[y * width + x] > 0.3)) continue;
      ink++;
      search: for (let dy = -2; dy <= 2; dy++)
        for (let dx = -2; dx <= 2; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy >= 0 && yy < height && xx >= 0 && xx < width && b[yy * width + xx] > 0.3) {
            near++;
            break search;
          }
        }
    }
  return near / ink;
}

/** The two rasters show the same signature: each one's ink lies within 2 pixels of the other's. */
export function expectSameSignature(a: Float32Array, b: Float32Array): void {
  expect(inkCoverage(a, b)).toBeGreaterThan(0.9);
  expect(inkCoverage(b, a)).toBeGreaterThan(0.9);
}
