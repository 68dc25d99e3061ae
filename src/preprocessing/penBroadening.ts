import { strokeWidthOf } from './strokeWidth';

/**
 * A model-input raster (ink bright, 0..1) as a broader pen would have drawn it: grey dilation with an anti-aliased
 * disc, out(p) = max over q of in(q) x clamp(1 + radius - |p - q|, 0, 1), so each stroke grows by about `radius`
 * input pixels on each side (fractions give partial edges). Radius 0 returns a copy.
 */
export function broadenRaster(raster: ArrayLike<number>, width: number, height: number, radius: number): Float32Array {
  const out = Float32Array.from(raster);
  if (!(radius > 0)) return out;
  const reach = Math.ceil(radius);
  const taps: [number, number, number][] = [];
  for (let dy = -reach; dy <= reach; dy++)
    for (let dx = -reach; dx <= reach; dx++) {
      const w = Math.min(1, Math.max(0, 1 + radius - Math.hypot(dx, dy)));
      if (w > 0 && (dx || dy)) taps.push([dx, dy, w]);
    }
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let v = out[y * width + x];
      for (const [dx, dy, w] of taps) {
        const X = x + dx;
        const Y = y + dy;
        if (X < 0 || Y < 0 || X >= width || Y >= height) continue;
        const u = raster[Y * width + X] * w;
        if (u > v) v = u;
      }
      out[y * width + x] = v;
    }
  return out;
}

/** The broadenings tried (closestBroadening), in input pixels, in growing order. */
export const BROADENING_RADII = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3] as const;

/** One broadening of a raster: its radius (0: the raster itself), the result and its stroke width. */
export interface Rung {
  radius: number;
  raster: Float32Array;
  width: number;
}

/**
 * The broadening of `raster` (radius 0: the raster itself, then BROADENING_RADII) whose stroke width (strokeWidthOf)
 * is closest to `targetWidth` by ratio; the raster itself when it is not finer. A broader radius measures wider, so
 * rungs are made (a dilation and a thinning each) only until one reaches the target. `rungs` keeps those made, for
 * the next target of the same raster (the evaluation's many questioned signatures per reference).
 */
export function closestBroadening(raster: ArrayLike<number>, width: number, height: number, targetWidth: number, rungs: Rung[] = []): Rung {
  const rung = (i: number): Rung => {
    while (rungs.length <= i) {
      const radius = rungs.length === 0 ? 0 : BROADENING_RADII[rungs.length - 1];
      const r = broadenRaster(raster, width, height, radius);
      rungs.push({ radius, raster: r, width: strokeWidthOf(r, width, height) });
    }
    return rungs[i];
  };
  let best = rung(0);
  if (!(best.width > 0) || best.width >= targetWidth) return best;
  const gap = (r: Rung) => Math.abs(Math.log(r.width / targetWidth));
  for (let i = 1; i <= BROADENING_RADII.length; i++) {
    const r = rung(i);
    if (r.width > 0 && gap(r) < gap(best)) best = r;
    if (r.width >= targetWidth) break;
  }
  return best;
}

/**
 * How much broader than its references' mean stroke width a questioned signature must be before the references are
 * broadened to its pen: 1.5 (on the data sets' validation writers, a writer's own genuine signatures measure 0.93-1.05
 * of the writer's mean width between their quartiles, skilled forgeries 0.61-1.00; docs/scan-conditions.md).
 */
export const BROADER_PEN_FACTOR = 1.5;

/**
 * The questioned stroke width over the references' mean, when it is above `factor` (the references are then
 * broadened to it); else null. The one rule the app (penBroadeningFor) and the evaluation (evaluateRasters) apply.
 */
export function broaderPenRatio(questionedWidth: number, referenceWidths: readonly number[], factor = BROADER_PEN_FACTOR): number | null {
  if (referenceWidths.length === 0) return null;
  const mean = referenceWidths.reduce((s, w) => s + w, 0) / referenceWidths.length;
  return mean > 0 && questionedWidth > mean * factor ? questionedWidth / mean : null;
}

/** The references broadened to a broader questioned pen (penBroadeningFor). */
export interface PenBroadening {
  /** The questioned signature's stroke width over its references' mean (above BROADER_PEN_FACTOR). */
  ratio: number;
  /** Each reference's broadening radius (input pixels) and its broadened model input (0..1). */
  radii: number[];
  rasters: Float32Array[];
}

/**
 * The references (model inputs of `scale`, e.g. 255 for stored ones) broadened to the questioned signature's pen
 * (model input 0..1), or null when it is not broader than their mean stroke width by more than `factor`. Each
 * reference takes the broadening whose width comes closest to the questioned signature's (closestRung). For
 * references of the questioned signature's own domain (scans against scans): across domains the pen matching
 * redraws the questioned signature instead (penMatch.ts). `referenceWidths`: their strokeWidthOf, when known.
 */
export function penBroadeningFor(
  questioned: ArrayLike<number>,
  references: readonly ArrayLike<number>[],
  width: number,
  height: number,
  scale = 255,
  factor = BROADER_PEN_FACTOR,
  referenceWidths?: readonly number[],
): PenBroadening | null {
  if (references.length === 0) return null;
  const target = strokeWidthOf(questioned, width, height);
  // The widths first (a thinning each, or the caller's, measured once per stored reference): the references'
  // conversion and ladders only for the rare signature that needs them.
  const widths = referenceWidths ?? references.map((r) => strokeWidthOf(r, width, height, scale));
  const ratio = broaderPenRatio(target, widths, factor);
  if (ratio === null) return null;
  const rungs = references.map((r) => {
    const own = new Float32Array(r.length);
    for (let i = 0; i < own.length; i++) own[i] = r[i] / scale;
    return closestBroadening(own, width, height, target);
  });
  return { ratio, radii: rungs.map((r) => r.radius), rasters: rungs.map((r) => r.raster) };
}
