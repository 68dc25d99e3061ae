/**
 * Experiment (training-free): a questioned signature written with a broader pen than its references, compared
 * against the references broadened to its pen (src/preprocessing/penBroadening.ts: grey dilation of their model
 * inputs, the radius whose stroke width comes closest to the questioned signature's). References as scanned;
 * questioned as scanned or from degraded-copy.ts's --pen R copies (.cache/rescaled/penR). Validation writers of
 * cedar-dev and BHSig, 5 and 1 references, through the evaluation itself (evaluateRasters, as `npm run eval --
 * --pen-broadening` runs it), once per factor: a questioned signature more than 1 + t times as wide as its
 * references' mean (TOLERANCE=0.5 by default, the app's 1.5; a list for one row each) is scored against its
 * references broadened. Plain rows: the same without broadening (`npm run eval`'s figures).
 * Run: [TOLERANCE=0.25,0.5] npx tsx scripts/experiments/pen-broaden-refs.ts [MODEL_DIR] [COPY ...]   (COPY: pen1 pen2)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { embedPacked } from '../../src/model/embed';
import type { PreprocessVersion } from '../../src/preprocessing';
import { readDataset } from '../../src/training/data/datasetReader';
import { loadUsableWriters } from '../../src/training/data/imageStore';
import { evaluateRasters, selectWriters } from '../../src/training/evaluation/evaluateDataset';
import { defaultModelDir, loadLayersModelFromDir, readModelCard } from '../../src/training/io/modelFiles';
import { useWasmTrainingBackend } from '../../src/training/kernels/wasmBackend';
import { summaryLine, verdictShareLine } from './reportLines';

await useWasmTrainingBackend();
const isCopy = (a: string) => a.startsWith('pen');
const dir = process.argv[2] && !isCopy(process.argv[2]) ? process.argv[2] : defaultModelDir();
const copies = ['as scanned', ...process.argv.slice(2).filter(isCopy)];
const tolerances = (process.env.TOLERANCE ?? '0.5').split(',').map(Number);
const sets = (process.env.SETS ?? 'cedar-dev,bhsig260-bengali').split(',');
const card = readModelCard(dir);
const model = await loadLayersModelFromDir(dir);
const version = card.preprocessing.version as PreprocessVersion;
const embed = (images: Float32Array, n: number) => embedPacked(model, card.architecture, images, n);
const load = (d: string) => loadUsableWriters(selectWriters(readDataset(d), 'validation'), version, (path, why) => console.warn(`left out ${path}: ${why}`)).rasters;

for (const data of sets.map((s) => `../shared/data/${s}`)) {
  const name = data.split('/').pop()!;
  const refs = load(data);
  for (const copy of copies) {
    const qDir = copy === 'as scanned' ? data : join('.cache/rescaled', copy, name);
    if (!existsSync(qDir)) {
      console.log(`  ${copy}: ${qDir} missing (npx tsx scripts/experiments/degraded-copy.ts ${data} 1 .cache/rescaled/${copy} --pen ${copy.slice(3)})`);
      continue;
    }
    const questioned = copy === 'as scanned' ? undefined : load(qDir);
    for (const k of [5, 1]) {
      const row = (tolerance: number | null) => {
        const r = evaluateRasters(refs, embed, card, k, questioned, undefined, tolerance === null ? null : 1 + tolerance);
        const { genuine, skilled, random } = r.scores;
        const label = tolerance === null ? 'plain:' : `references broadened beyond x${(1 + tolerance).toFixed(2)}:`;
        const share = tolerance === null ? '' : ` (${((100 * r.broadened) / (genuine.length + skilled.length + random.length)).toFixed(1)}% of comparisons broadened)`;
        return `${summaryLine(label, r.summary)}; verdicts ${verdictShareLine(r.scores.verdicts!)}${share}`;
      };
      console.log(`${name}, ${copy}, ${k} ref${k > 1 ? 's' : ''}:\n    ${[row(null), ...tolerances.map(row)].join('\n    ')}`);
    }
  }
}
model.dispose();
