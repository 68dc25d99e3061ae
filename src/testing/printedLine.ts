import { toGreyPixels, type PixelImage } from '../preprocessing';

/** The image (8-bit grey) with a black printed line from the left edge to the right one, `thick` rows, at row y0 + slope x. */
export function withLine(img: PixelImage, y0: number, slope = 0, thick = 2): PixelImage {
  const g = toGreyPixels(img);
  const data = new Uint8Array(g.data);
  for (let x = 0; x < g.width; x++)
    for (let t = 0; t < thick; t++) {
      const y = Math.round(y0 + slope * x) + t;
      if (y >= 0 && y < g.height) data[y * g.width + x] = 0;
    }
  return { ...g, data };
}

/** Lowest row of the image with a dark pixel (the signature's bottom). */
export function inkBottom(img: PixelImage): number {
  const g = toGreyPixels(img);
  for (let y = g.height - 1; y >= 0; y--) for (let x = 0; x < g.width; x++) if (g.data[y * g.width + x] < 128) return y;
  return -1;
}
