/**
 * Writes public/icons/icon-192.png and icon-512.png (the web app manifest's icons): a pen stroke
 * on the brand colour, drawn with pngjs. Run once: npx tsx scripts/make-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

function icon(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const u = x / size;
      const v = y / size;
      // A signature-like wave across the middle, and a baseline.
      const wave = 0.5 + 0.12 * Math.sin(u * Math.PI * 4) * Math.sin(u * Math.PI);
      const onStroke = u > 0.15 && u < 0.85 && Math.abs(v - wave) < 0.03;
      const onLine = u > 0.15 && u < 0.85 && Math.abs(v - 0.72) < 0.008;
      const [r, g, b] = onStroke || onLine ? [255, 255, 255] : [31, 58, 95];
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

for (const size of [192, 512]) writeFileSync(new URL(`../public/icons/icon-${size}.png`, import.meta.url), icon(size));
