import { inkDarkness } from './background';
import { faintShare, isPatternedBackground, patternThreshold } from './backgroundPattern';
import { PreprocessError } from './errors';
import { greyFromPixels } from './decodeLimits';
import { inkBoundingBox, removeBorderLines, removeSpecks } from './inkMask';
import { otsuThreshold } from './otsu';
import { rotateMask } from './orientation';
import { erodeInkMask } from './inkErosion';
import { removeFormBox } from './formBox';
import { removeRuledLines } from './ruledLines';
import type { GreyImage, PixelImage } from './pixelImage';
import { limitSize, resampleArea } from './resample';
import { drawSkeleton, thinZhangSuen } from './strokeWidth';

/**
 * Versions of the preprocessing below. One is stored with every reference and in every model
 * card: a model is only valid with the preprocessing it was trained with.
 * - pp1: the binary ink mask, area-resized (the pen's width shows).
 * - pp2: the ink mask thinned to its centre line and redrawn with one fixed pen width
 *   (stroke-width normalisation: pad drawings and scans of any pen look alike).
 * The name ends in the raster's size (height x width): pp1 at 128x256 is pp1 at a finer scale.
 */
export const PREPROCESS_VERSIONS = ['pp1-otsu-binary-96x192', 'pp2-centreline-96x192', 'pp1-otsu-binary-128x256'] as const;
export type PreprocessVersion = (typeof PREPROCESS_VERSIONS)[number];
/** The version new models are trained with unless told otherwise. */
export const PREPROCESS_VERSION: PreprocessVersion = 'pp1-otsu-binary-96x192';

export function isPreprocessVersion(v: unknown): v is PreprocessVersion {
  return typeof v === 'string' && (PREPROCESS_VERSIONS as readonly string[]).includes(v);
}

/** Short names for the training CLI: pp1 and pp2 at the app's raster size. */
export const PREPROCESS_SHORT_NAMES: Readonly<Record<string, PreprocessVersion>> = { pp1: 'pp1-otsu-binary-96x192', pp2: 'pp2-centreline-96x192' };

/** The version a name stands for: a full version name, a short name, or (no name) the default; null if none. */
export function preprocessVersionNamed(name: string | undefined): PreprocessVersion | null {
  if (name === undefined) return PREPROCESS_VERSION;
  if (isPreprocessVersion(name)) return name;
  return Object.hasOwn(PREPROCESS_SHORT_NAMES, name) ? PREPROCESS_SHORT_NAMES[name] : null;
}

/** The raster size a preprocessing version produces (the end of its name). */
export function inputSizeOf(version: PreprocessVersion): { height: number; width: number } {
  const m = /-(\d+)x(\d+)$/.exec(version);
  if (!m) throw new RangeError(`preprocessing version ${version} does not name its size`);
  return { height: Number(m[1]), width: Number(m[2]) };
}

/** Whether a version keeps the image's own strokes (pp1: binary ink), so pen matching applies. */
export function keepsOwnStrokes(version: PreprocessVersion): boolean {
  return version.startsWith('pp1-');
}

/** pp2's pen width in model-input pixels (about pp1's median stroke width on CEDAR and BHSig). */
export const CENTRELINE_PEN_WIDTH = 1.5;

/** Model input raster of the app (the default version's size): height x width, one channel, ink = 1, paper = 0. */
export const { height: INPUT_HEIGHT, width: INPUT_WIDTH } = inputSizeOf(PREPROCESS_VERSION);

/** Working resolution: larger inputs are area-averaged down to this longest side first. */
const WORK_MAX_SIDE = 512;
/** Threshold again without the lines along the page's edges only when they moved Otsu's threshold by more than this. */
const BORDER_LINE_PULL = 0.1;
/** Margin kept around the ink inside the model input, in input pixels. */
const MARGIN = 4;

/**
 * Ink mask of an ink-darkness image at a threshold (Otsu's), border lines removed (`throughBand`: whole, where
 * they straddle the border band; removeBorderLines); with the border pixels cleared.
 */
function inkMask(dark: Float32Array, threshold: number, width: number, height: number, throughBand = false): { mask: Uint8Array; border: number[] } {
  // Faint paper texture must never count as ink, whatever Otsu says on a clean image.
  const t = Math.max(threshold, 0.18);
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = dark[i] > t ? 1 : 0;
  const border = removeBorderLines(mask, width, height, throughBand);
  return { mask, border };
}

export interface PreprocessResult {
  /** INPUT_HEIGHT x INPUT_WIDTH, row-major, values in [0, 1], ink bright. */
  data: Float32Array;
  width: number;
  height: number;
  /** Fraction of the working image covered by ink after clean-up. */
  inkFraction: number;
  /** Printed lines (a cheque's or form's signature line) removed from under the signature. */
  ruledLines: number;
  /** Ink pixels of the working image cleared along its edges (a scan's dark edge, a form box's sides); 0 for a clean page. */
  borderInk: number;
  /** A form's box further inside the page was found and its sides left out (formBox.ts). */
  formBox: boolean;
  /**
   * How far the lines along the edges and a form's box had pulled the ink threshold up (the threshold with
   * them minus without them; 0 when there are none): above BORDER_LINE_PULL the page is thresholded again.
   */
  borderPull: number;
  /** Share of the page with faint darkness (backgroundPattern.ts). */
  faintShare: number;
  /**
   * The page has a patterned background (a cheque's security print, or heavy paper noise): its ink
   * was thresholded among the pixels darker than faint paper (backgroundPattern.ts).
   */
  patternedBackground: boolean;
  /** Ink bounding box in the original image's pixel coordinates. */
  box: { x: number; y: number; width: number; height: number };
}

export interface PreprocessOptions {
  height?: number;
  width?: number;
  /** Default: PREPROCESS_VERSION. */
  version?: PreprocessVersion;
  /**
   * Pen matching: redraw the thinned centre line with this pen width (model-input pixels) instead
   * of keeping the image's own strokes. Used for a signature drawn on the pad that is checked
   * against scanned references (or the reverse), with the references' measured width
   * (matchedPenWidth): the pad's pen then looks like the customer's pen. pp2 always redraws with
   * CENTRELINE_PEN_WIDTH and ignores this.
   */
  penWidth?: number;
  /**
   * Turn the cleaned ink by this many degrees (clockwise positive) before it is cropped: the askew-page
   * advice's second look, at the references' orientation (orientationMatchFor in orientation.ts).
   */
  rotateDeg?: number;
  /**
   * Erode the cleaned ink by this many passes (a pixel each side, at the working resolution) before it is cropped:
   * a signature written with a broader pen than its references, thinned toward their stroke width (inkErosion.ts).
   * For an experiment only (scripts/experiments/pen-width-match.ts, MEND=erode): measured worse than broadening
   * the references instead (penBroadening.ts, which the app does), so the app never sets it.
   */
  erodeInk?: number;
}

/**
 * The one preprocessing function of the project: training, evaluation and the browser call it
 * on decoded pixels. Steps: greyscale (alpha over white) -> limit size -> ink darkness relative
 * to local paper level (removes paper tone) -> Otsu binarisation (removes ink tone: pens and
 * scanners differ; on a patterned background among the darker pixels only, backgroundPattern.ts)
 * -> remove border lines, printed signature lines (ruledLines.ts), a form's box (formBox.ts) and specks -> crop to the ink ->
 * aspect-preserving area resize, centred, ink = 1 (pp1), or the thinned centre line redrawn with
 * a fixed pen width at the same place and scale (pp2).
 *
 * Throws PreprocessError for blank or unusable images.
 */
export function preprocess(img: PixelImage, opts: PreprocessOptions = {}): PreprocessResult {
  const version = opts.version ?? PREPROCESS_VERSION;
  if (!isPreprocessVersion(version)) throw new RangeError(`unknown preprocessing version ${String(version)}`);
  const size = inputSizeOf(version);
  const outH = opts.height ?? size.height;
  const outW = opts.width ?? size.width;
  const grey = greyFromPixels(img);
  if (grey.width < 8 || grey.height < 8) {
    throw new PreprocessError('too-small', `The image is only ${grey.width}x${grey.height} pixels; a signature needs at least 8x8.`);
  }
  const work = limitSize(grey, WORK_MAX_SIDE);
  const dark = inkDarkness(work);
  const { threshold, separation, max: maxDark } = otsuThreshold(dark.data);
  if (!(maxDark >= 0.25) || separation < 0.02) {
    throw new PreprocessError('blank', 'No ink found: the image looks blank. Sign again or choose another image.');
  }
  const { width, height } = work;
  const faint = faintShare(dark.data);
  const patterned = isPatternedBackground(faint);
  // On a patterned page (a cheque's security print) Otsu over the whole page splits paper from
  // pattern-and-ink; the threshold among the darker pixels splits pattern from ink. No real scan
  // of the data sets is patterned; about 4% of the pretraining's augmented synthetic pages are
  // (noise), so training and the browser threshold them alike (scripts/experiments/recipe-replay.ts).
  const inkThreshold = (values: Float32Array) => (patterned ? patternThreshold(values) : otsuThreshold(values).threshold);
  const first = patterned ? patternThreshold(dark.data) : threshold;
  let { mask, border } = inkMask(dark.data, first, width, height);
  const lines = removeRuledLines(mask, width, height);
  const ruledLines = lines.length;
  // A form's box further inside the page than the border band (formBox.ts).
  const formBox = removeFormBox(mask, width, height);
  let borderPull = 0;
  if (ruledLines > 0 || border.length > 0 || formBox.length > 0) {
    // A printed line is often darker than the handwriting and pulls Otsu's threshold above the
    // strokes: threshold again without the line's pixels (remnants of its edges go the same way).
    let rest = dark.data.slice();
    for (const line of lines) for (const i of line.cleared) rest[i] = 0;
    // So can a form box's sides (a black box around grey strokes: `borderPull` median 0.29, up to
    // 0.43, on cedar-dev's validation writers; scripts/experiments/border-pull.ts): left out too,
    // whole, where they moved the threshold. A scanner's edge line moves it less (at most 0.070 on
    // the data sets' scans, 0.074 on the training's augmented ones, recipe-replay.ts): those pages
    // are read as before.
    if (border.length > 0 || formBox.length > 0) {
      const probe = rest.slice();
      if (border.length > 0) for (const i of inkMask(dark.data, first, width, height, true).border) probe[i] = 0;
      for (const i of formBox) probe[i] = 0;
      borderPull = first - inkThreshold(probe);
      if (borderPull > BORDER_LINE_PULL) rest = probe;
    }
    const borderPulled = borderPull > BORDER_LINE_PULL;
    if (ruledLines > 0 || borderPulled) {
      // The lower threshold takes a box's part-dark edges as ink: its sides go whole again.
      ({ mask } = inkMask(rest, inkThreshold(rest), width, height, borderPulled));
      removeRuledLines(mask, width, height);
      if (formBox.length > 0) removeFormBox(mask, width, height);
    }
  }
  const area = width * height;
  const ink = removeSpecks(mask, width, height, Math.max(3, Math.round(area * 4e-5)));
  const minInk = Math.max(40, Math.round(area * 4e-4));
  if (ink < minInk) {
    throw new PreprocessError('blank', 'Too little ink: the signature is nearly blank. Sign again with a longer stroke.');
  }
  if (ink > area * 0.4) {
    throw new PreprocessError('too-much-ink', 'This does not look like a signature on paper (more than 40% of the image is dark).');
  }
  let found = inkBoundingBox(mask, width, height);
  if (opts.erodeInk) {
    // The crop stays the broad strokes' box, less the pen's growth: a thin hairline that erosion removes must not
    // change the signature's size and place in the input.
    const n = opts.erodeInk;
    const eroded = erodeInkMask(mask, width, height, n);
    let left = 0;
    for (let i = 0; i < eroded.length; i++) left += eroded[i];
    if (left < minInk) throw new PreprocessError('blank', 'Too little ink is left once the strokes are thinned to the references\' pen.');
    mask = eroded;
    const inset = (a: number, b: number) => (b - a > 2 * n + 1 ? [a + n, b - n] : [a, b]);
    const [x0, x1] = inset(found.x0, found.x1);
    const [y0, y1] = inset(found.y0, found.y1);
    found = { x0, x1, y0, y1 };
  }
  // The askew-page advice (orientation.ts): the cleaned ink turned before it is cropped; the box reported stays the page's.
  const turned = opts.rotateDeg ? rotateMask(mask, width, height, opts.rotateDeg) : { mask, width, height };
  const box = opts.rotateDeg ? inkBoundingBox(turned.mask, turned.width, turned.height) : found;
  const bw = box.x1 - box.x0;
  const bh = box.y1 - box.y0;
  const scale = Math.min((outW - 2 * MARGIN) / bw, (outH - 2 * MARGIN) / bh);
  const dw = Math.max(1, Math.min(outW, Math.round(bw * scale)));
  const dh = Math.max(1, Math.min(outH, Math.round(bh * scale)));
  const data = new Float32Array(outW * outH);
  const ox = Math.floor((outW - dw) / 2);
  const oy = Math.floor((outH - dh) / 2);
  const penWidth = keepsOwnStrokes(version) ? opts.penWidth : CENTRELINE_PEN_WIDTH;
  if (penWidth !== undefined) {
    if (!(penWidth > 0 && penWidth < 16)) throw new RangeError(`pen width ${penWidth} is outside (0, 16) input pixels`);
    thinZhangSuen(turned.mask, turned.width, turned.height);
    drawSkeleton(turned.mask, turned.width, box, dw / bw, ox, oy, data, outW, outH, penWidth);
  } else {
    const maskImg: GreyImage = { width: turned.width, height: turned.height, data: new Float32Array(turned.mask) };
    const patch = resampleArea(maskImg, box.x0, box.y0, bw, bh, dw, dh);
    for (let y = 0; y < dh; y++) data.set(patch.subarray(y * dw, (y + 1) * dw), (oy + y) * outW + ox);
  }
  const sx = grey.width / width;
  const sy = grey.height / height;
  return {
    data,
    width: outW,
    height: outH,
    inkFraction: ink / area,
    ruledLines,
    borderInk: border.length,
    formBox: formBox.length > 0,
    borderPull,
    faintShare: faint,
    patternedBackground: patterned,
    box: { x: Math.round(found.x0 * sx), y: Math.round(found.y0 * sy), width: Math.round((found.x1 - found.x0) * sx), height: Math.round((found.y1 - found.y0) * sy) },
  };
}
