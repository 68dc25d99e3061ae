import { PNG } from 'pngjs';
import { rocPoints } from '../../verification/metrics';

export interface Curve {
  label: string;
  genuine: number[];
  forged: number[];
  color: [number, number, number];
}

/**
 * A DET-style plot (FRR against FAR, both 0..50% on linear axes) drawn into a PNG without any
 * plotting library: axes, a grid every 10%, the EER diagonal, one polyline per curve and a
 * colour legend box per curve (top-right, in curve order).
 */
export function detPlotPng(curves: Curve[], size = 420): Buffer {
  const png = new PNG({ width: size, height: size });
  png.data.fill(255);
  const m = 40;
  const plot = size - 2 * m;
  const maxRate = 0.5;
  const set = (x: number, y: number, c: [number, number, number]) => {
    if (x < 0 || y < 0 || x >= size || y >= size) return;
    const i = 4 * (Math.round(y) * size + Math.round(x));
    png.data[i] = c[0];
    png.data[i + 1] = c[1];
    png.data[i + 2] = c[2];
    png.data[i + 3] = 255;
  };
  const line = (x0: number, y0: number, x1: number, y1: number, c: [number, number, number], w = 1) => {
    const n = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
    for (let k = 0; k <= n; k++) {
      const x = x0 + ((x1 - x0) * k) / n;
      const y = y0 + ((y1 - y0) * k) / n;
      for (let dx = 0; dx < w; dx++) for (let dy = 0; dy < w; dy++) set(x + dx, y + dy, c);
    }
  };
  const px = (far: number) => m + (Math.min(far, maxRate) / maxRate) * plot;
  const py = (frr: number) => size - m - (Math.min(frr, maxRate) / maxRate) * plot;
  for (let g = 0; g <= 5; g++) {
    const r = g / 10;
    line(px(r), py(0), px(r), py(maxRate), [225, 225, 225]);
    line(px(0), py(r), px(maxRate), py(r), [225, 225, 225]);
  }
  line(px(0), py(0), px(maxRate), py(0), [0, 0, 0]);
  line(px(0), py(0), px(0), py(maxRate), [0, 0, 0]);
  line(px(0), py(0), px(maxRate), py(maxRate), [170, 170, 170]);
  curves.forEach((c, ci) => {
    const pts = rocPoints(c.genuine, c.forged);
    for (let i = 1; i < pts.length; i++) line(px(pts[i - 1].far), py(pts[i - 1].frr), px(pts[i].far), py(pts[i].frr), c.color, 2);
    for (let dx = 0; dx < 12; dx++) for (let dy = 0; dy < 12; dy++) set(size - m - 14 + dx, m + ci * 16 + dy, c.color);
  });
  return PNG.sync.write(png);
}
