import { otsuThreshold } from './otsu';

/**
 * Patterned backgrounds (a cheque's security print, guilloche lines, textured or noisy paper):
 * faint darkness over a large share of the page. Under a grey pen Otsu's threshold over the whole
 * page falls near its floor and the pattern's lines become "ink": the crop and the strokes are
 * wrong (docs/scan-conditions.md: cedar-dev EER 39.5% on a fine pattern). preprocess recognises
 * such a page and thresholds it with patternThreshold instead (countersign-v10, trained with it: 7.9%); the service
 * tells the teller.
 */

/** Darkness (after the paper-level normalisation) counted as faint: paper texture up to pale pencil. */
export const FAINT_DARKNESS = { low: 0.1, high: 0.35 } as const;

/**
 * A page with more than this share of faint darkness has a patterned background. Measured
 * (`npx tsx scripts/experiments/faint-share.ts DIR`): plain scans 0-6.7% (CEDAR, BHSig), simulated
 * phone photos and rescaled scans up to 16.4%, simulated cheque patterns 18.7-54%; about 4% of the
 * training's augmented synthetic pages (noise, paper tone) pass it too, so training sees the
 * same thresholding (scripts/experiments/recipe-replay.ts --pretrain).
 */
export const PATTERNED_FAINT_SHARE = 0.18;

/** Share of pixels of an ink-darkness image that are faint (FAINT_DARKNESS). */
export function faintShare(dark: Float32Array): number {
  if (dark.length === 0) return 0;
  let n = 0;
  for (let i = 0; i < dark.length; i++) if (dark[i] > FAINT_DARKNESS.low && dark[i] < FAINT_DARKNESS.high) n++;
  return n / dark.length;
}

/**
 * The ink threshold of a patterned page: Otsu's threshold among the pixels darker than faint paper
 * (FAINT_DARKNESS.low), so it splits pattern from ink instead of paper from pattern-and-ink.
 */
export function patternThreshold(dark: Float32Array): number {
  return otsuThreshold(dark.filter((v) => v > FAINT_DARKNESS.low)).threshold;
}

/** Whether a page with this faint share has a patterned background. */
export function isPatternedBackground(share: number): boolean {
  return share > PATTERNED_FAINT_SHARE;
}
