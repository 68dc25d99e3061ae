/**
 * Orientation of the ink, for pages scanned or photographed askew. The model tolerates a few
 * degrees (its training turns images by up to 3), not more: turned 6 degrees, a genuine signature
 * of cedar-dev's validation writers scored above the shipped threshold 26% of the time, turned 10
 * degrees 49% (docs/scan-conditions.md). Turning every questioned signature to its references'
 * orientation would mend that, but a forger's slant differs from the writer's too: it tripled the
 * skilled forgeries accepted on cedar-dev. So the app only advises (CountersignService.verify): a
 * rejection that would not be one with the signature turned to its references' orientation is
 * shown with the turn, for the teller to straighten the page if it was askew.
 *
 * The orientation is the principal axis of the ink (second moments of the model-input raster, ink
 * bright): turning an image by a turns it by a exactly, and it needs no baseline or script.
 */

/** Below this difference (degrees) between the questioned signature and its references, nothing is turned (a writer's own sd: 1-6). */
export const ORIENTATION_TOLERANCE_DEG = 4;
/** Turns larger than this are not corrected (a signature written vertically, a page upside down). */
export const ORIENTATION_MAX_DEG = 30;

/**
 * The principal axis of the ink of a raster (row-major, ink bright, values 0..scale), in degrees
 * in (-90, 90]: 0 is horizontal, positive turns clockwise on screen (rows grow downward). Null
 * without ink.
 */
export function inkOrientation(image: ArrayLike<number>, width: number, height: number): number | null {
  // Raw moments in one pass; the central ones from them (rasters are small, doubles exact enough).
  let m = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = image[y * width + x];
      if (!v) continue;
      m += v;
      sx += v * x;
      sy += v * y;
      sxx += v * x * x;
      syy += v * y * y;
      sxy += v * x * y;
    }
  if (!(m > 0)) return null;
  const xx = sxx - (sx * sx) / m;
  const yy = syy - (sy * sy) / m;
  const xy = sxy - (sx * sy) / m;
  return (0.5 * Math.atan2(2 * xy, xx - yy) * 180) / Math.PI;
}

export interface OrientationMatch {
  /** Turn the questioned signature by this many degrees (clockwise positive, as inkOrientation). */
  rotateDeg: number;
  /** The references' mean orientation and the questioned signature's, in degrees. */
  references: number;
  questioned: number;
}

/**
 * The turn that brings a questioned raster to its references' mean orientation, or null when they
 * differ by at most `tolerance` degrees (or more than ORIENTATION_MAX_DEG), or either has no ink.
 */
export function orientationMatchFor(
  questioned: ArrayLike<number>,
  references: readonly ArrayLike<number>[],
  width: number,
  height: number,
  tolerance = ORIENTATION_TOLERANCE_DEG,
): OrientationMatch | null {
  const q = inkOrientation(questioned, width, height);
  const refs = references.map((r) => inkOrientation(r, width, height)).filter((a): a is number => a !== null);
  if (q === null || refs.length === 0) return null;
  const r = refs.reduce((s, a) => s + a, 0) / refs.length;
  const turn = r - q;
  if (Math.abs(turn) <= tolerance || Math.abs(turn) > ORIENTATION_MAX_DEG) return null;
  return { rotateDeg: turn, references: r, questioned: q };
}

/**
 * A binary mask turned by `deg` degrees about its centre (nearest pixel), on a canvas that holds all
 * of it. Clockwise positive, as inkOrientation: the ink's orientation grows by `deg`.
 */
export function rotateMask(mask: Uint8Array, width: number, height: number, deg: number): { mask: Uint8Array; width: number; height: number } {
  const a = (deg * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  const W = Math.ceil(Math.abs(width * c) + Math.abs(height * s));
  const H = Math.ceil(Math.abs(width * s) + Math.abs(height * c));
  const out = new Uint8Array(W * H);
  for (let Y = 0; Y < H; Y++)
    for (let X = 0; X < W; X++) {
      // The source of (X, Y): turned back by -deg about the centres.
      const dx = X + 0.5 - W / 2;
      const dy = Y + 0.5 - H / 2;
      const x = Math.floor(c * dx + s * dy + width / 2);
      const y = Math.floor(-s * dx + c * dy + height / 2);
      if (x >= 0 && y >= 0 && x < width && y < height) out[Y * W + X] = mask[y * width + x];
    }
  return { mask: out, width: W, height: H };
}
