import type { GreyImage } from '../preprocessing/pixelImage';

/** The paper's tone: the 90th percentile grey (CEDAR's genuine scans are grey, its forgeries white; pad with each page's own). */
export function paperTone(grey: Float32Array): number {
  return Float32Array.from(grey).sort()[Math.floor(grey.length * 0.9)];
}

/**
 * The page (grey, [0, 1]) inside a form's signature box: padded with its own paper tone by `pad` of its size
 * each side, a black box `inset` inside the padded page's edges, `thick` of the padded height thick (at least
 * one pixel). The ink never touches the box. A scanner's dark line along the page's own edge (some CEDAR scans
 * have one) is papered over first: padded, it would stand inside the box, which no form shows.
 */
export function inSignatureBox(page: GreyImage, pad = 0.1, inset = 0.05, thick = 0.01): GreyImage {
  const { width: w, height: h } = page;
  const grey = Float32Array.from(page.data);
  const paper = paperTone(grey);
  const dark = (i: number) => grey[i] < paper - 0.25;
  const band = (n: number) => Math.max(2, Math.round(n * 0.06));
  for (let y = 0; y < h; y++) {
    if (y >= band(h) && y < h - band(h)) continue;
    let n = 0;
    for (let x = 0; x < w; x++) n += dark(y * w + x) ? 1 : 0;
    if (n > 0.35 * w) grey.fill(paper, y * w, (y + 1) * w);
  }
  for (let x = 0; x < w; x++) {
    if (x >= band(w) && x < w - band(w)) continue;
    let n = 0;
    for (let y = 0; y < h; y++) n += dark(y * w + x) ? 1 : 0;
    if (n > 0.35 * h) for (let y = 0; y < h; y++) grey[y * w + x] = paper;
  }
  const [px, py] = [Math.round(w * pad), Math.round(h * pad)];
  const [W, H] = [w + 2 * px, h + 2 * py];
  const out = new Float32Array(W * H).fill(paper);
  for (let y = 0; y < h; y++) out.set(grey.subarray(y * w, (y + 1) * w), (y + py) * W + px);
  const t = Math.max(1, Math.round(H * thick));
  const [bx, by] = [Math.round(W * inset), Math.round(H * inset)];
  for (let y = by; y < H - by; y++)
    for (let x = bx; x < W - bx; x++) if (y < by + t || y >= H - by - t || x < bx + t || x >= W - bx - t) out[y * W + x] = 0;
  return { width: W, height: H, data: out };
}
