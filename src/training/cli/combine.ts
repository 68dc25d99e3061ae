/**
 * npm run combine -- --members DIR,DIR[,...] --out DIR [--version V]
 *
 * Joins exported single models into one ensemble model (ModelConfig.members): one graph running
 * the members side by side on the same input, whose embedding is their unit embeddings
 * concatenated, each / sqrt(n). The decision rule is fixed again on the validation writers of the
 * first member's training data, and the card reports the ensemble's own figures. The members must
 * share preprocessing and input size and use the euclidean distance (combineExported).
 * `npm run train -- --pooling last,layout` trains the members and combines them in one command.
 */
import { existsSync } from 'node:fs';
import { combineExported } from '../export/combineModels';
import { useWasmTrainingBackend } from '../kernels/wasmBackend';
import { commandLine } from '../io/commandLine';
import { cliArgs } from './args';

const USAGE = 'npm run combine -- --members DIR,DIR[,...] --out DIR [--version V]   (version default 1.0.0)';
const a = cliArgs({ members: { type: 'string' }, out: { type: 'string' }, version: { type: 'string' } }, USAGE);
const dirs = (a.members ?? '').split(',').filter(Boolean);
if (dirs.length < 2 || !a.out) {
  console.error(`give --members with two or more model folders, and --out\n\n${USAGE}`);
  process.exit(2);
}
const missing = dirs.filter((d) => !existsSync(`${d}/model-card.json`));
if (missing.length) {
  console.error(`not a model folder (no model-card.json): ${missing.join(', ')}`);
  process.exit(2);
}

await useWasmTrainingBackend();
const command = commandLine('combine');
let card;
try {
  card = await combineExported({ dirs, out: a.out, version: a.version ?? '1.0.0', command });
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(2);
}
for (const m of card.metrics) {
  console.log(`${m.data}, ${m.references} refs: skilled EER ${(100 * m.skilled.eer).toFixed(2)}% FAR ${(100 * m.skilled.far).toFixed(2)}% FRR ${(100 * m.skilled.frr).toFixed(2)}%, random EER ${(100 * m.random.eer).toFixed(2)}%`);
}
console.log(`exported ${a.out}: ensemble of ${card.ensemble!.members.map((m) => `${m.id} ${m.version}`).join(' + ')}`);
