import type { GreyImage } from '../preprocessing/pixelImage';
import { paperTone } from './signatureBox';

/**
 * The page (grey, [0, 1]) turned by `deg` degrees about its centre (bilinear; clockwise positive on screen, as
 * inkOrientation), on a canvas holding all of it, the paper's own tone outside: a cheque fed askew, a photo
 * taken at an angle.
 */
export function turnPage(page: GreyImage, deg: number): GreyImage {
  const { width: w, height: h, data: grey } = page;
  const paper = paperTone(grey);
  const a = (deg * Math.PI) / 180;
  const [c, s] = [Math.cos(a), Math.sin(a)];
  const W = Math.ceil(Math.abs(w * c) + Math.abs(h * s));
  const H = Math.ceil(Math.abs(w * s) + Math.abs(h * c));
  const out = new Float32Array(W * H).fill(paper);
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= w || y >= h ? paper : grey[y * w + x]);
  for (let Y = 0; Y < H; Y++)
    for (let X = 0; X < W; X++) {
      // The source point of (X, Y): turned back about the centres.
      const dx = X + 0.5 - W / 2;
      const dy = Y + 0.5 - H / 2;
      const x = c * dx + s * dy + w / 2 - 0.5;
      const y = -s * dx + c * dy + h / 2 - 0.5;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const fx = x - x0;
      const fy = y - y0;
      out[Y * W + X] = (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) + fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
    }
  return { width: W, height: H, data: out };
}
