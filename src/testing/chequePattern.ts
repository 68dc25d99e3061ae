import { toGreyPixels, type PixelImage } from '../preprocessing';

/**
 * A cheque's security background as a brightness factor at (x, y): `fine`, wavy guilloche lines
 * about one pixel wide every 6 pixels, 15% darker; otherwise broad wavy bands up to 20% darker.
 * One definition for the tests and scripts/experiments/degraded-copy.ts (docs/scan-conditions.md).
 */
export function securityPatternFactor(x: number, y: number, fine: boolean): number {
  if (fine) {
    // Lines where a wavy phase crosses a multiple of 2 pi.
    const phase = (2 * Math.PI * (y + 4 * Math.sin(x / 9))) / 6;
    return Math.cos(phase) > 0.8 ? 0.85 : 1;
  }
  const wave = Math.sin(x / 4 + 3 * Math.sin(y / 11)) * Math.sin(y / 5 + 2 * Math.sin(x / 23));
  return 1 - 0.2 * (0.5 + 0.5 * wave);
}

/** The image (8-bit grey) printed on a security background: the page multiplied by the pattern. */
export function withSecurityPattern(img: PixelImage, fine = true): PixelImage {
  const g = toGreyPixels(img);
  const data = new Uint8Array(g.data.length);
  for (let y = 0; y < g.height; y++)
    for (let x = 0; x < g.width; x++) data[y * g.width + x] = Math.round(g.data[y * g.width + x] * securityPatternFactor(x, y, fine));
  return { ...g, data };
}
