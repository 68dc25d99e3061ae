/**
 * One writer, as the teller would enrol them: its first 5 genuine signatures (file order) as
 * references, every other genuine signature and every skilled forgery questioned, with the model
 * card's rule (balanced operating point, refer band). Prints score and verdict per file and how
 * many forgeries are accepted: what the browser flow test (e2e/enroll-verify.spec.ts, writer 35)
 * relies on. Run: npx tsx scripts/experiments/writer-verdicts.ts [DATA_DIR/WRITER] [MODEL_DIR ...]
 * (default ../shared/data/cedar-dev/035 and the shipped model).
 */
import * as tf from '@tensorflow/tfjs';
import { basename, dirname } from 'node:path';
import { pairwiseDistances } from '../../src/model/distanceHead';
import { readDataset } from '../../src/training/data/datasetReader';
import { decodeImageFile } from '../../src/training/data/decodeNode';
import { defaultModelDir, loadLayersModelFromDir, readModelCard } from '../../src/training/io/modelFiles';
import { useWasmTrainingBackend } from '../../src/training/kernels/wasmBackend';
import { decide, scoreQuestioned, thresholdFor, upperTriangle } from '../../src/verification/decision';
import { embedImages } from './embedImages';

const REFS = 5;
const writerDir = process.argv[2] ?? '../shared/data/cedar-dev/035';
const models = process.argv.length > 3 ? process.argv.slice(3) : [defaultModelDir()];
const writer = readDataset(dirname(writerDir)).find((w) => w.writer === basename(writerDir));
if (!writer || writer.genuine.length <= REFS) throw new Error(`${writerDir}: no such writer with more than ${REFS} genuine signatures`);

await useWasmTrainingBackend();
for (const dir of models) {
  const card = readModelCard(dir);
  const model = await loadLayersModelFromDir(dir);
  const embed = (files: string[]) => tf.tensor2d(embedImages(model, card, files.map(decodeImageFile)).map((e) => Array.from(e)));
  const refs = embed(writer.genuine.slice(0, REFS));
  const pairs = upperTriangle(pairwiseDistances(card.distanceHead, refs, refs).arraySync());
  const threshold = thresholdFor(card.decision, null, REFS);
  const judge = (files: string[]) => {
    const d = pairwiseDistances(card.distanceHead, embed(files), refs).arraySync();
    return files.map((f, i) => {
      const { score } = scoreQuestioned(d[i], pairs, card.decision);
      return { file: basename(f), score, verdict: decide(score, threshold, card.decision.referBand) };
    });
  };
  const show = (rows: ReturnType<typeof judge>) => rows.map((r) => `${r.file} ${r.score.toFixed(2)} ${r.verdict}`).join(', ');
  const genuine = judge(writer.genuine.slice(REFS));
  const forged = judge(writer.forged);
  console.log(`${card.id} ${card.version}: ${writer.id}, references = first ${REFS} genuine, threshold ${threshold.toFixed(3)} (refer band ${card.decision.referBand})`);
  console.log(`  genuine: ${show(genuine)}`);
  console.log(`  forged:  ${show(forged)}`);
  console.log(`  accepted: ${forged.filter((r) => r.verdict === 'genuine').length} of ${forged.length} forgeries; rejected: ${genuine.filter((r) => r.verdict === 'forged').length} of ${genuine.length} genuine`);
}
