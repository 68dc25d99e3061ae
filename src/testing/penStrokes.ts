import type { PixelImage } from '../preprocessing';

/** Test fixture: a cursive-like wave written with a round pen of radius r on white paper (600x260, grey). */
export function wave(r: number): PixelImage {
  const width = 600;
  const height = 260;
  const data = new Uint8Array(width * height).fill(250);
  for (let t = 0; t <= 1; t += 0.0005) {
    const x = 60 + 480 * t;
    const y = 130 + 70 * Math.sin(t * 5 * Math.PI) * Math.cos(t * 1.3);
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        if (dx * dx + dy * dy <= r * r) data[Math.round(y + dy) * width + Math.round(x + dx)] = 25;
      }
    }
  }
  return { width, height, channels: 1, data };
}
