import type { GreyImage, PixelImage } from '../preprocessing';
import type { Rng } from './data/random';

/**
 * On-the-fly augmentation of a raw grey scan (1 = paper), applied before the shared
 * preprocessing so that it also exercises the background and ink normalisation. Each effect
 * models a way unseen customers differ: pen width, slant, size, rotation, paper tone and
 * lighting, ink darkness, scanner noise.
 */
export interface AugmentOptions {
  rotateDeg: number;
  shear: number;
  scale: number;
  aspect: number;
  strokeProb: number;
  toneProb: number;
  noise: number;
  /**
   * The broadest pen a stroke change draws: a broadening takes 1..broadRadius passes of the 3x3 min filter (equal
   * odds). Unset: one pass, and no extra random draw (so the presets' images are as before the option).
   */
  broadRadius?: number;
}

export const DEFAULT_AUGMENT: AugmentOptions = {
  rotateDeg: 6,
  shear: 0.3,
  scale: 0.15,
  aspect: 0.12,
  strokeProb: 0.5,
  toneProb: 0.6,
  noise: 0.04,
};

/**
 * Milder geometry: within the variation of one writer's own signatures. Strong slant and
 * aspect changes can erase the proportions that give a skilled forgery away.
 */
export const MILD_AUGMENT: AugmentOptions = {
  rotateDeg: 3,
  shear: 0.1,
  scale: 0.08,
  aspect: 0.05,
  strokeProb: 0.4,
  toneProb: 0.6,
  noise: 0.03,
};

/**
 * `--broad-pens` (the training after any pretraining): a customer's cheque written with a broader pen than the
 * references (docs/scan-conditions.md, "A broader pen"): stroke changes more often, broadenings up to 2 pixels.
 */
export function withBroadPens(o: AugmentOptions): AugmentOptions {
  return { ...o, strokeProb: 0.6, broadRadius: 2 };
}

export const AUGMENT_PRESETS: Record<string, AugmentOptions | null> = { strong: DEFAULT_AUGMENT, mild: MILD_AUGMENT, none: null };

export function augment(src: GreyImage, rng: Rng, o: AugmentOptions = DEFAULT_AUGMENT): GreyImage {
  let img = affine(src, rng, o);
  if (rng.next() < o.strokeProb) {
    if (rng.next() < 0.6) {
      const passes = o.broadRadius && o.broadRadius > 1 ? 1 + Math.floor(rng.next() * o.broadRadius) : 1;
      for (let p = 0; p < passes; p++) img = minFilter3(img);
    } else img = maxFilter3(img);
  }
  if (rng.next() < o.toneProb) img = tone(img, rng, o.noise);
  return img;
}

function affine(src: GreyImage, rng: Rng, o: AugmentOptions): GreyImage {
  const angle = (rng.uniform(-o.rotateDeg, o.rotateDeg) * Math.PI) / 180;
  const shear = rng.uniform(-o.shear, o.shear);
  const s = 1 + rng.uniform(-o.scale, o.scale);
  const ar = 1 + rng.uniform(-o.aspect, o.aspect);
  const sx = s * ar;
  const sy = s / ar;
  // forward: [x', y'] = R * Shear * S * [x, y]; we sample with the inverse.
  const c = Math.cos(angle);
  const n = Math.sin(angle);
  // M = R * [[1, shear],[0,1]] * diag(sx, sy)
  const m00 = c * sx;
  const m01 = (c * shear - n) * sy;
  const m10 = n * sx;
  const m11 = (n * shear + c) * sy;
  const det = m00 * m11 - m01 * m10;
  const i00 = m11 / det;
  const i01 = -m01 / det;
  const i10 = -m10 / det;
  const i11 = m00 / det;
  const { width: w, height: h, data } = src;
  // Output canvas large enough for the transformed corners.
  const corners = [
    [0, 0],
    [w, 0],
    [0, h],
    [w, h],
  ].map(([x, y]) => [m00 * (x - w / 2) + m01 * (y - h / 2), m10 * (x - w / 2) + m11 * (y - h / 2)]);
  const ow = Math.min(2 * w, Math.ceil(Math.max(...corners.map((p) => p[0])) - Math.min(...corners.map((p) => p[0]))));
  const oh = Math.min(2 * h, Math.ceil(Math.max(...corners.map((p) => p[1])) - Math.min(...corners.map((p) => p[1]))));
  const out = new Float32Array(ow * oh);
  // Paper tone for samples outside the source: the brightest corner region's level.
  const fill = Math.max(data[0], data[w - 1], data[(h - 1) * w], data[h * w - 1]);
  for (let y = 0; y < oh; y++) {
    const dy = y + 0.5 - oh / 2;
    for (let x = 0; x < ow; x++) {
      const dx = x + 0.5 - ow / 2;
      const fx = i00 * dx + i01 * dy + w / 2 - 0.5;
      const fy = i10 * dx + i11 * dy + h / 2 - 0.5;
      const x0 = Math.floor(fx);
      const y0 = Math.floor(fy);
      const tx = fx - x0;
      const ty = fy - y0;
      let v00 = fill;
      let v10 = fill;
      let v01 = fill;
      let v11 = fill;
      if (y0 >= 0 && y0 < h) {
        const r = y0 * w;
        if (x0 >= 0 && x0 < w) v00 = data[r + x0];
        if (x0 + 1 >= 0 && x0 + 1 < w) v10 = data[r + x0 + 1];
      }
      if (y0 + 1 >= 0 && y0 + 1 < h) {
        const r = (y0 + 1) * w;
        if (x0 >= 0 && x0 < w) v01 = data[r + x0];
        if (x0 + 1 >= 0 && x0 + 1 < w) v11 = data[r + x0 + 1];
      }
      out[y * ow + x] = (v00 * (1 - tx) + v10 * tx) * (1 - ty) + (v01 * (1 - tx) + v11 * tx) * ty;
    }
  }
  return { width: ow, height: oh, data: out };
}

/** 3x3 min (or max) filter, separable: a row pass then a column pass. */
function filter3(img: GreyImage, max: boolean): GreyImage {
  const { width: w, height: h, data } = img;
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  const pick = max ? (a: number, b: number) => (a > b ? a : b) : (a: number, b: number) => (a < b ? a : b);
  for (let y = 0; y < h; y++) {
    const r = y * w;
    for (let x = 0; x < w; x++) {
      let v = data[r + x];
      if (x > 0) v = pick(v, data[r + x - 1]);
      if (x < w - 1) v = pick(v, data[r + x + 1]);
      tmp[r + x] = v;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      let v = tmp[i];
      if (y > 0) v = pick(v, tmp[i - w]);
      if (y < h - 1) v = pick(v, tmp[i + w]);
      out[i] = v;
    }
  }
  return { width: w, height: h, data: out };
}

/** Thicker strokes (ink is dark: a min filter spreads it). */
const minFilter3 = (img: GreyImage) => filter3(img, false);
/** Thinner strokes. Blended with the original so thin pens do not vanish. */
function maxFilter3(img: GreyImage): GreyImage {
  const f = filter3(img, true);
  for (let i = 0; i < f.data.length; i++) f.data[i] = 0.5 * f.data[i] + 0.5 * img.data[i];
  return f;
}

/** Paper tone, a lighting gradient, ink darkness and sensor noise. */
function tone(img: GreyImage, rng: Rng, noise: number): GreyImage {
  const { width: w, height: h, data } = img;
  const paper = rng.uniform(0.75, 1);
  const ink = rng.uniform(0, 0.3);
  const gx = rng.uniform(-0.12, 0.12);
  const gy = rng.uniform(-0.12, 0.12);
  const sigma = rng.uniform(0, noise);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x];
      const light = paper + gx * (x / w - 0.5) + gy * (y / h - 0.5);
      // Sum of three uniforms: a cheap near-normal noise (variance 1/4 before scaling).
      const z = (rng.next() + rng.next() + rng.next() - 1.5) * 2;
      const g = (ink + (1 - ink) * v) * light + sigma * z;
      out[y * w + x] = g < 0 ? 0 : g > 1 ? 1 : g;
    }
  }
  return { width: w, height: h, data: out };
}

export function greyToPixels(img: GreyImage): PixelImage {
  const data = new Uint8Array(img.width * img.height);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(Math.min(1, Math.max(0, img.data[i])) * 255);
  return { width: img.width, height: img.height, channels: 1, data };
}
