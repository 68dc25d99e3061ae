/**
 * Writes the validation writers of a data set as another scanner, camera or form would give them:
 * rescaled by a factor (another resolution), optionally as phone photos or with a printed signature
 * line (research data: the copy goes under .cache/, never into the repository):
 *   npx tsx scripts/experiments/degraded-copy.ts ../shared/data/cedar-dev 2 .cache/rescaled/x2
 *   npm run eval -- --data .cache/rescaled/x2/cedar-dev --split validation --refs 5 --json F
 * Enlarging is bilinear, shrinking area-averaged (src/preprocessing/resample.ts); --bilevel
 * thresholds the result at mid-grey again (a bi-level scanner at that resolution, as BHSig's);
 * --photo adds what a phone photo of the page adds: uneven light (the page 25% darker at one
 * corner), sensor noise (sd 3 grey levels) and JPEG at quality 60 (the copy is then .jpg);
 * --line prints a form's signature line under the signature: black, 1% of the height thick (at
 * least 1 pixel), across the whole width, through the ink's lowest tenth (descenders cross it).
 * --pattern prints a cheque's security background under the page: fine wavy guilloche lines (about
 * a pixel wide, every 6 pixels) 15% darker than the paper; --bands: broad wavy bands darkening the
 * paper by up to 20% (a heavier, darker background). --rotate DEG turns the page by DEG degrees about its
 * centre, clockwise positive (src/testing/turnPage.ts: a cheque fed askew, a photo taken at an angle).
 * --box puts the page in a form's signature box (src/testing/signatureBox.ts: padded by a tenth each side with
 * the paper's tone, a black box 5% inside the padded edges, 1% of the height thick; the ink never touches it);
 * --box-inner: padded by a quarter, the box 12% inside (the form cropped with a margin around its box).
 * --pen R: the strokes R pixels broader on each side at the page's own resolution (src/testing/otherPen.ts: a
 * felt-tip or fountain pen where the references were written with a ballpoint).
 * Use a copy as --questioned beside the original --data to check clean references against it.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import jpeg from 'jpeg-js';
import { toGrey } from '../../src/preprocessing/greyscale';
import { resampleArea } from '../../src/preprocessing/resample';
import { isValidationWriter } from '../../src/training/data/split';
import { decodeImageFile, encodeGreyPng } from '../../src/training/data/decodeNode';
import { securityPatternFactor } from '../../src/testing/chequePattern';
import { inSignatureBox } from '../../src/testing/signatureBox';
import { turnPage } from '../../src/testing/turnPage';
import { withBroaderPen } from '../../src/testing/otherPen';

const [root, factorArg, outRoot, flag, flagArg] = process.argv.slice(2);
if (flag !== undefined && !['--bilevel', '--photo', '--line', '--pattern', '--bands', '--rotate', '--box', '--box-inner', '--pen'].includes(flag)) {
  console.error(`unknown option ${flag}: --bilevel, --photo, --line, --pattern, --bands, --rotate DEG, --box, --box-inner or --pen R`);
  process.exit(2);
}
const degrees = flag === '--rotate' ? Number(flagArg) : 0;
if (flag === '--rotate' && !Number.isFinite(degrees)) {
  console.error('--rotate needs an angle in degrees');
  process.exit(2);
}
const penRadius = flag === '--pen' ? Number(flagArg) : 0;
if (flag === '--pen' && !(Number.isInteger(penRadius) && penRadius > 0)) {
  console.error('--pen needs a whole number of pixels, 1 or more');
  process.exit(2);
}
const factor = Number(factorArg);
if (!root || !(factor > 0) || !outRoot) {
  console.error('usage: npx tsx scripts/experiments/degraded-copy.ts DATA_DIR FACTOR OUT_DIR [--bilevel|--photo|--line|--pattern|--bands|--rotate DEG|--box|--box-inner|--pen R]');
  process.exit(2);
}
const dataset = basename(root.replace(/\/+$/, ''));
let n = 0;
for (const writer of readdirSync(root).filter((w) => isValidationWriter({ dataset, writer: w })).sort()) {
  for (const kind of ['genuine', 'forged']) {
    const dir = join(outRoot, dataset, writer, kind);
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(join(root, writer, kind)).sort()) {
      const grey = toGrey(decodeImageFile(join(root, writer, kind, f)));
      const w = Math.max(1, Math.round(grey.width * factor));
      const h = Math.max(1, Math.round(grey.height * factor));
      let data = resampleArea(grey, 0, 0, grey.width, grey.height, w, h);
      let [pw, ph] = [w, h];
      if (flag === '--rotate') ({ data, width: pw, height: ph } = turnPage({ data, width: w, height: h }, degrees));
      if (flag === '--box') ({ data, width: pw, height: ph } = inSignatureBox({ data, width: w, height: h }));
      if (flag === '--box-inner') ({ data, width: pw, height: ph } = inSignatureBox({ data, width: w, height: h }, 0.25, 0.12));
      if (flag === '--pen') data = withBroaderPen({ data, width: w, height: h }, penRadius).data;
      if (flag === '--line') signatureLine(data, w, h);
      if (flag === '--pattern') guilloche(data, w, h, true);
      if (flag === '--bands') guilloche(data, w, h, false);
      if (flag === '--bilevel') for (let i = 0; i < data.length; i++) data[i] = data[i] < 0.5 ? 0 : 1;
      if (flag === '--photo') writeFileSync(join(dir, f.replace(/\.\w+$/, '.jpg')), photo(data, w, h, n));
      else writeFileSync(join(dir, f.replace(/\.\w+$/, '.png')), encodeGreyPng(data, pw, ph, false));
      n++;
    }
  }
}
console.log(`${n} images of ${dataset}'s validation writers, x${factor}${flag === '--bilevel' ? ', bi-level' : flag === '--photo' ? ', as phone photos (JPEG)' : flag === '--line' ? ', on a signature line' : flag === '--pattern' ? ', on a fine cheque pattern' : flag === '--bands' ? ', on broad dark bands' : flag === '--rotate' ? `, turned ${degrees} degrees` : flag === '--box' ? ', in a signature box' : flag === '--box-inner' ? ', in a signature box 12% inside the page' : flag === '--pen' ? `, strokes ${penRadius} px broader each side` : ''}, in ${join(outRoot, dataset)}`);

/** Grey page [0, 1] -> JPEG bytes of it lit from one corner, with noise (deterministic per image). */
function photo(grey: Float32Array, w: number, h: number, seed: number): Uint8Array {
  let s = (seed * 2654435761) >>> 0;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const light = 1 - 0.25 * ((x / w + y / h) / 2);
      const noise = 3 * Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
      const v = Math.max(0, Math.min(255, Math.round(255 * grey[y * w + x] * light + noise)));
      const i = 4 * (y * w + x);
      rgba[i] = rgba[i + 1] = rgba[i + 2] = v;
      rgba[i + 3] = 255;
    }
  return jpeg.encode({ data: rgba, width: w, height: h }, 60).data;
}

/** Draws a black line across the page through the lowest tenth of the ink (ink: grey below 0.5). */
function signatureLine(grey: Float32Array, w: number, h: number): void {
  let top = h;
  let bottom = -1;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (grey[y * w + x] < 0.5) {
        top = Math.min(top, y);
        bottom = y;
        break;
      }
  if (bottom < 0) return;
  const thick = Math.max(1, Math.round(h * 0.01));
  const y0 = Math.round(bottom - 0.1 * (bottom - top));
  for (let y = y0; y < Math.min(h, y0 + thick); y++) grey.fill(0, y * w, (y + 1) * w);
}

/** Multiplies the page by a cheque's wavy security pattern (src/testing/chequePattern.ts): fine lines 15% darker, or broad bands up to 20%. */
function guilloche(grey: Float32Array, w: number, h: number, fine: boolean): void {
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) grey[y * w + x] *= securityPatternFactor(x, y, fine);
}
