/**
 * The shipped model's score and verdict (5 references: genuine 01-05 of a cedar-dev validation writer, as scanned)
 * for a few of the writer's signatures written 2 pixels broader (src/testing/otherPen.ts), plain and with the
 * references broadened to their pen (penBroadeningFor, as the app does); the cases e2e/broader-pen.spec.ts uses.
 * Verdicts by the score and band alone (five references of one writer's genuine scans: no unlike-reference guard).
 * Run: npx tsx scripts/experiments/pen-broaden-cases.ts
 */
import { preprocess, toGrey, type PreprocessVersion } from '../../src/preprocessing';
import { penBroadeningFor } from '../../src/preprocessing/penBroadening';
import { greyToPixels } from '../../src/training/augment';
import { withBroaderPen } from '../../src/testing/otherPen';
import { decodeImageFile } from '../../src/training/data/decodeNode';
import { defaultModelDir, loadLayersModelFromDir, readModelCard } from '../../src/training/io/modelFiles';
import { useWasmTrainingBackend } from '../../src/training/kernels/wasmBackend';
import { decide, scoreQuestioned, thresholdFor, upperTriangle } from '../../src/verification/decision';
import { distanceMatrix } from '../../src/training/evaluation/protocol';
import { embedRasters } from './embedImages';
await useWasmTrainingBackend();
const dir = defaultModelDir(); const card = readModelCard(dir); const model = await loadLayersModelFromDir(dir);
const T = thresholdFor(card.decision, null, 5);
const version = card.preprocessing.version as PreprocessVersion;
const { inputWidth: W, inputHeight: H } = card.preprocessing;
// How long the broadening itself takes (five references' ladders: ten dilations and thinnings each), in Node.
const times: number[] = [];
for (const w of ['031', '033', '035', '037', '039']) {
  const f = (k: string, n: number) => `../shared/data/cedar-dev/${w}/${k}/${String(n).padStart(2, '0')}.png`;
  const refR = [1, 2, 3, 4, 5].map((n) => preprocess(decodeImageFile(f('genuine', n)), { version }).data);
  const stored = refR.map((r) => Uint8Array.from(r, (v) => Math.round(255 * v)));
  const refE = embedRasters(model, card, stored.map((s) => Float32Array.from(s, (v) => v / 255)));
  const score = (q: Float32Array, refs: Float32Array[]) => {
    const e = embedRasters(model, card, [q])[0];
    return scoreQuestioned(distanceMatrix(card.distanceHead, [e], refs)[0], upperTriangle(distanceMatrix(card.distanceHead, refs, refs)), card.decision).score;
  };
  for (const [k, n] of [['genuine', 6], ['genuine', 7], ['genuine', 8], ['forged', 6]] as const) {
    const broad = preprocess(greyToPixels(withBroaderPen(toGrey(decodeImageFile(f(k, n))), 2)), { version }).data;
    const t0 = performance.now();
    const b = penBroadeningFor(broad, stored, W, H);
    times.push(performance.now() - t0);
    const s0 = score(broad, refE);
    const s1 = b ? score(broad, embedRasters(model, card, b.rasters)) : NaN;
    console.log(w, k, n, 'plain', s0.toFixed(3), decide(s0, T, card.decision.referBand), 'broadened', s1.toFixed(3), b ? decide(s1, T, card.decision.referBand) : '-', b?.ratio.toFixed(2));
  }
}
times.sort((a, b) => a - b);
console.log(`penBroadeningFor with five references, broadened: median ${times[times.length >> 1].toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms over ${times.length} calls`);
