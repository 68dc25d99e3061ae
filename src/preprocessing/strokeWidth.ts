/**
 * Stroke-width normalisation: the ink mask is thinned to its one-pixel centre line (Zhang-Suen)
 * and redrawn in the model input with one fixed pen width. A ballpoint scan, a felt-tip scan and
 * a pad drawing of the same hand then give the same raster; the shape and trajectory (where
 * skilled forgeries differ) are kept, the pen's width is not.
 */

/** Thins `mask` (1 = ink) in place to a one-pixel-wide, 8-connected skeleton. */
export function thinZhangSuen(mask: Uint8Array, width: number, height: number): void {
  // Only ink pixels can change: visit them, not the whole image (ink is a few % of a signature).
  let ink: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) ink.push(i);
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= width || y >= height ? 0 : mask[y * width + x]);
  const del: number[] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (let pass = 0; pass < 2; pass++) {
      del.length = 0;
      for (const i of ink) {
        const x = i % width;
        const y = (i - x) / width;
        const p2 = at(x, y - 1), p3 = at(x + 1, y - 1), p4 = at(x + 1, y), p5 = at(x + 1, y + 1);
        const p6 = at(x, y + 1), p7 = at(x - 1, y + 1), p8 = at(x - 1, y), p9 = at(x - 1, y - 1);
        const b = p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9;
        if (b < 2 || b > 6) continue;
        const a =
          (p2 === 0 && p3 === 1 ? 1 : 0) + (p3 === 0 && p4 === 1 ? 1 : 0) + (p4 === 0 && p5 === 1 ? 1 : 0) +
          (p5 === 0 && p6 === 1 ? 1 : 0) + (p6 === 0 && p7 === 1 ? 1 : 0) + (p7 === 0 && p8 === 1 ? 1 : 0) +
          (p8 === 0 && p9 === 1 ? 1 : 0) + (p9 === 0 && p2 === 1 ? 1 : 0);
        if (a !== 1) continue;
        if (pass === 0 ? p2 * p4 * p6 === 0 && p4 * p6 * p8 === 0 : p2 * p4 * p8 === 0 && p2 * p6 * p8 === 0) del.push(i);
      }
      if (del.length) {
        changed = true;
        for (const i of del) mask[i] = 0;
        ink = ink.filter((i) => mask[i]);
      }
    }
  }
}

/**
 * Draws the skeleton pixels of the box [x0, x0+bw) x [y0, y0+bh) of `skeleton` into `out`
 * (outW wide), scaled by `scale` and shifted to (ox, oy), as an anti-aliased line of `penWidth`
 * output pixels: each skeleton pixel is a disc, overlapping discs take the maximum.
 */
export function drawSkeleton(
  skeleton: Uint8Array,
  width: number,
  box: { x0: number; y0: number; x1: number; y1: number },
  scale: number,
  ox: number,
  oy: number,
  out: Float32Array,
  outW: number,
  outH: number,
  penWidth: number,
): void {
  const r = penWidth / 2;
  const reach = Math.ceil(r + 1);
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      if (!skeleton[y * width + x]) continue;
      const cx = ox + (x - box.x0 + 0.5) * scale;
      const cy = oy + (y - box.y0 + 0.5) * scale;
      const px0 = Math.max(0, Math.floor(cx - reach));
      const px1 = Math.min(outW - 1, Math.ceil(cx + reach));
      const py0 = Math.max(0, Math.floor(cy - reach));
      const py1 = Math.min(outH - 1, Math.ceil(cy + reach));
      for (let py = py0; py <= py1; py++) {
        for (let px = px0; px <= px1; px++) {
          const d = Math.hypot(px + 0.5 - cx, py + 0.5 - cy);
          const v = Math.min(1, Math.max(0, r + 0.5 - d));
          const i = py * outW + px;
          if (v > out[i]) out[i] = v;
        }
      }
    }
  }
}

/**
 * Mean stroke width of a model-input raster (ink bright, values 0..1), in input pixels: the ink
 * it holds divided by the length of its centre line (the raster thresholded at 0.5, thinned).
 * 0 for a raster without ink.
 */
export function strokeWidthOf(raster: ArrayLike<number>, width: number, height: number, scale = 1): number {
  const mask = new Uint8Array(width * height);
  let ink = 0;
  for (let i = 0; i < mask.length; i++) {
    const v = raster[i] / scale;
    ink += v;
    mask[i] = v > 0.5 ? 1 : 0;
  }
  thinZhangSuen(mask, width, height);
  let length = 0;
  for (let i = 0; i < mask.length; i++) length += mask[i];
  return length ? ink / length : 0;
}

/** Pen widths the pen matching uses: 0.25 input-pixel steps, from a fine ballpoint to a broad felt tip. */
export const PEN_WIDTH_STEP = 0.25;
export const PEN_WIDTH_RANGE = [0.75, 8] as const;
/**
 * A centre line redrawn with pen width w measures about 1.1 w by strokeWidthOf (anti-aliased
 * edges and joins add ink): measured on real and synthetic signatures (strokeWidth.test.ts).
 */
export const REDRAW_WIDTH_GAIN = 1.1;

/**
 * The pen width a questioned signature from the other domain is redrawn with so that it measures
 * like the references: their mean measured width / REDRAW_WIDTH_GAIN, rounded to PEN_WIDTH_STEP
 * and clamped to PEN_WIDTH_RANGE (so an evaluation renders each width once). Null without
 * usable references.
 */
export function matchedPenWidth(referenceWidths: readonly number[]): number | null {
  const ws = referenceWidths.filter((w) => Number.isFinite(w) && w > 0);
  if (!ws.length) return null;
  const mean = ws.reduce((a, b) => a + b, 0) / ws.length / REDRAW_WIDTH_GAIN;
  const stepped = Math.round(mean / PEN_WIDTH_STEP) * PEN_WIDTH_STEP;
  return Math.min(PEN_WIDTH_RANGE[1], Math.max(PEN_WIDTH_RANGE[0], stepped));
}
