/**
 * npx tsx scripts/stroke-width-cue.ts [DATA_DIR ...]
 *
 * How much the pen's stroke width alone gives skilled forgeries away: for every writer, the mean
 * stroke width (ink / centre-line length of the pp1 model input, in input pixels) of the first 5
 * genuine signatures is the reference; the score of a questioned signature is how far its width
 * is from it. Prints the mean widths and the AUC of that score (other genuine vs skilled forgeries;
 * 0.5 = no information). A pad draws every signature with the same width, so a model that leans on
 * this cue cannot carry it over to drawn signatures (docs/synthetic-writers.md).
 */
import { readDataset } from '../src/training/data/datasetReader';
import { decodeImageFile } from '../src/training/data/decodeNode';
import { preprocess } from '../src/preprocessing';
import { thinZhangSuen } from '../src/preprocessing/strokeWidth';
// Stroke width in model-input pixels: pp1 ink sum / skeleton length of the pp1 raster (thresholded).
function width(path: string): number {
  const r = preprocess(decodeImageFile(path));
  const m = new Uint8Array(r.data.length);
  let ink = 0;
  for (let i = 0; i < m.length; i++) { ink += r.data[i]; m[i] = r.data[i] > 0.5 ? 1 : 0; }
  thinZhangSuen(m, r.width, r.height);
  let len = 0; for (const v of m) len += v;
  return ink / Math.max(1, len);
}
const dirs = process.argv.slice(2).length ? process.argv.slice(2) : ['../shared/data/cedar-dev', '../shared/data/bhsig260-bengali'];
for (const ds of dirs) {
  const ws = readDataset(ds).filter((w) => w.genuine.length > 5 && w.forged.length > 0);
  const pos: number[] = [], neg: number[] = [];
  let gm = 0, fm = 0, n = 0;
  for (const w of ws) {
    const g = w.genuine.map(width), f = w.forged.map(width);
    const ref = g.slice(0, 5).reduce((a, b) => a + b, 0) / 5;
    g.slice(5).forEach((x) => pos.push(Math.abs(x - ref)));
    f.forEach((x) => neg.push(Math.abs(x - ref)));
    gm += g.reduce((a, b) => a + b, 0) / g.length; fm += f.reduce((a, b) => a + b, 0) / f.length; n++;
  }
  let wins = 0;
  for (const p of pos) for (const q of neg) wins += q > p ? 1 : q === p ? 0.5 : 0;
  console.log(ds, 'writers', n, 'mean width genuine', (gm / n).toFixed(3), 'forged', (fm / n).toFixed(3), 'AUC of |width - ref width|', (wins / pos.length / neg.length).toFixed(3));
}
