import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { embedPacked } from '../../model/embed';
import { PREPROCESS_VERSIONS, isPreprocessVersion, keepsOwnStrokes } from '../../preprocessing';
import { thresholdFor } from '../../verification/decision';
import { BROADER_PEN_FACTOR } from '../../preprocessing/penBroadening';
import { evaluateRasters, selectWriters, type PenMatchedQuestioned, type Split } from '../evaluation/evaluateDataset';
import { readDataset } from '../data/datasetReader';
import { loadUsableWriters, preprocessWriters, type WriterRasters } from '../data/imageStore';
import { defaultModelDir, loadLayersModelFromDir, readModelCard } from '../io/modelFiles';
import { useWasmTrainingBackend } from '../kernels/wasmBackend';
import { cliArgs, num } from './args';

const USAGE = `npm run eval -- --data DIR [--refs K] [--json FILE] [--model DIR] [--split all|validation|train] [--questioned DIR2 [--pen-match]] [--pen-broadening]

Evaluates a model writer-independently on every writer in DIR (<writer>/genuine|forged/*.png, or
CEDAR's original_<w>_<n>.png / forgeries_<w>_<n>.png): per writer, K genuine references chosen with
a fixed seed; the other genuine signatures are positives, the writer's forgeries skilled negatives,
two genuine signatures of every other writer random negatives. FAR/FRR use the model's shipped
decision rule (fixed on validation writers); EER/AUC are threshold-free. Fractions, not percent.
--split validation keeps only the project's validation writers (cedar-dev 031-040, BHSig B086-B100).
--questioned DIR2: cross-domain; references come from DIR, every questioned signature from DIR2,
which must hold the same writers and signatures rendered another way (npm run synth -- --domain both).
--pen-match (with --questioned): what the app does for a drawing checked against scans (or the
reverse): each questioned signature is redrawn with the pen width of the writer's references
(src/preprocessing/penMatch.ts). Renders the questioned set once per width used (slower).
--pen-broadening: what the app does for a questioned signature whose strokes are more than 1.5 times as wide as
its references' (same domain, pp1 models): compares it with the references broadened to its pen
(src/preprocessing/penBroadening.ts). Off by default: the model card's figures are the score alone. With
--questioned, DIR2 must be the references' own domain (another pen or scanner; across domains use --pen-match).`;

const a = cliArgs(
  { data: { type: 'string' }, refs: { type: 'string' }, json: { type: 'string' }, model: { type: 'string' }, split: { type: 'string' }, seed: { type: 'string' }, questioned: { type: 'string' }, 'pen-match': { type: 'boolean' }, 'pen-broadening': { type: 'boolean' } },
  USAGE,
);
if (!a.data) {
  console.error(`--data is required\n\n${USAGE}`);
  process.exit(2);
}
const k = num(a.refs, 5, 'refs');
const split = (a.split ?? 'all') as Split;
if (!['all', 'validation', 'train'].includes(split)) {
  console.error(`--split must be all, validation or train`);
  process.exit(2);
}
const t0 = performance.now();
await useWasmTrainingBackend();
const modelDir = a.model ?? defaultModelDir();
const card = readModelCard(modelDir);
const preVersion = card.preprocessing.version;
if (!isPreprocessVersion(preVersion)) {
  console.error(`model ${card.id} was trained with preprocessing ${preVersion}; this code has ${PREPROCESS_VERSIONS.join(', ')}`);
  process.exit(1);
}
const model = await loadLayersModelFromDir(modelDir);
let skippedImages = 0;
const skip = (path: string, reason: string) => {
  skippedImages++;
  console.warn(`left out ${path}: ${reason}`);
};
const { rasters } = loadUsableWriters(selectWriters(readDataset(a.data), split), preVersion, skip);
const embed = (images: Float32Array, n: number) => embedPacked(model, card.architecture, images, n);
if (a['pen-match'] && !a.questioned) {
  console.error('--pen-match needs --questioned: it matches the pen of questioned signatures from another domain');
  process.exit(2);
}
if (a['pen-match'] && !keepsOwnStrokes(preVersion)) {
  console.error(`--pen-match applies to pp1 models; ${card.id} uses ${preVersion}, which redraws every signature with one pen already`);
  process.exit(2);
}
if (a['pen-broadening'] && a['pen-match']) {
  console.error('--pen-broadening is for questioned signatures of the references\' own domain; --pen-match for another domain: give one');
  process.exit(2);
}
if (a['pen-broadening'] && !keepsOwnStrokes(preVersion)) {
  console.error(`--pen-broadening applies to pp1 models; ${card.id} uses ${preVersion}, which redraws every signature with one pen already`);
  process.exit(2);
}
const broadenPens = !!a['pen-broadening'];
let questioned: WriterRasters[] | PenMatchedQuestioned | undefined;
if (a.questioned) {
  const names = (rs: { id: string; genuine: unknown[]; forged: unknown[] }[]) => rs.map((w) => `${w.id.split('/').pop()}:${w.genuine.length}:${w.forged.length}`).join(',');
  const { images, rasters: plain } = loadUsableWriters(selectWriters(readDataset(a.questioned), split), preVersion, skip);
  if (names(images) !== names(rasters)) {
    console.error(`--questioned ${a.questioned} does not hold the same writers and signatures as --data ${a.data}`);
    process.exit(1);
  }
  questioned = a['pen-match'] ? { render: (penWidth) => preprocessWriters(images, preVersion, penWidth) } : plain;
}
const widths: number[] = [];
const r = evaluateRasters(rasters, embed, card, k, questioned, (w) => widths.push(w), broadenPens ? BROADER_PEN_FACTOR : null);
if (r.writers === 0) {
  const most = Math.max(0, ...rasters.map((w) => w.genuine.length));
  console.error(
    `no writer in ${a.data} (${split}) has more than ${k} genuine signatures (${k} references + at least one questioned); the most any writer has is ${most}. Use --refs ${Math.max(1, most - 1)} or fewer.`,
  );
  process.exit(1);
}
if (skippedImages > 0) console.warn(`${skippedImages} image(s) could not be used and were left out (listed above)`);
const skipped = rasters.length - r.writers;
if (skipped > 0) console.warn(`${skipped} of ${rasters.length} writers have ${k} or fewer genuine signatures and were left out (nothing left to question)`);
if (r.summary.skilledCount === 0) console.warn(`no skilled forgeries in ${a.data}: the skilled figures are null, the random ones stand`);
if (a.seed) console.warn('--seed is fixed by the protocol (2024) and ignored');
const seconds = (performance.now() - t0) / 1000;
const out = {
  model: `${card.id}@${card.version}`,
  writers: r.writers,
  references: k,
  ...(a.questioned ? { questioned: a.questioned } : {}),
  ...(a['pen-match'] ? { penMatch: { widths: widths.sort((x, y) => x - y) } } : {}),
  ...(broadenPens ? { penBroadening: { broadened: r.broadened } } : {}),
  skilled: r.summary.skilled,
  random: r.summary.random,
  verdicts: r.summary.verdicts,
  seconds: Number(seconds.toFixed(2)),
};
const pct = (x: number) => `${(100 * x).toFixed(2)}%`.padStart(8);
console.log(`model ${out.model}   data ${a.data}${a.questioned ? ` (references) vs ${a.questioned} (questioned)` : ''} (${split})   writers ${out.writers}   references ${k}`);
if (broadenPens) console.log(`pen broadening: ${r.broadened} questioned signatures compared with their references broadened to a broader pen`);
if (a['pen-match']) console.log(`pen matching: questioned signatures redrawn with each writer's reference pen width (${widths.length} widths, ${widths[0]}-${widths[widths.length - 1]} input px)`);
console.log(`threshold ${thresholdFor(card.decision, null, k).toFixed(4)} for ${k} reference(s) (${card.decision.aggregate} distance / writer scale)`);
console.log(`              EER      AUC      FAR      FRR   (questioned)`);
console.log(`skilled  ${pct(out.skilled.eer)} ${out.skilled.auc.toFixed(4).padStart(8)} ${pct(out.skilled.far)} ${pct(out.skilled.frr)}   ${r.summary.genuineCount} genuine, ${r.summary.skilledCount} forged`);
console.log(`random   ${pct(out.random.eer)}          ${pct(out.random.far)}            ${r.summary.randomCount} other writers' genuine`);
const v = r.summary.verdicts;
const shares = (x: typeof v.genuine) => (x ? `${pct(x.genuine)} ${pct(x.refer)} ${pct(x.forged)}` : '     n/a      n/a      n/a');
console.log(`with the app's refer band (+-${(100 * v.referBand).toFixed(0)}% of the threshold):  genuine    refer   forged   (verdicts)`);
if (v.writersWithUnlike !== undefined) {
  console.log(`  (${v.writersWithUnlike} of ${out.writers} writers' references hold one unlike the others: a verdict that hangs on it is referred, as in the app)`);
}
console.log(`  genuine signatures                                ${shares(v.genuine)}`);
console.log(`  skilled forgeries                                 ${shares(v.skilled)}`);
console.log(`  other writers' signatures                         ${shares(v.random)}`);
console.log(`${seconds.toFixed(1)} s`);
if (a.json) writeFileSync(a.json, JSON.stringify(out, null, 2) + '\n');
