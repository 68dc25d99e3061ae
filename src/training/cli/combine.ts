/**
 * npm run combine -- --members DIR,DIR[,...] --out DIR [--version V]
 *
 * Joins exported single models into one ensemble model (ModelConfig.members): one graph running
 * the members side by side on the same input, whose embedding is their unit embeddings
 * concatenated, each / sqrt(n). The decision rule is fixed again on the validation writers of the
 * first member's training data, and the card reports the ensemble's own figures. The members must
 * share preprocessing and input size and use the euclidean distance; their weights are copied
 * and stored as the members store theirs (uint8 only when every member is uint8).
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { ModelCard } from '../../model/modelCard';
import { isPreprocessVersion } from '../../preprocessing';
import { combineMembers } from '../../model/ensemble';
import { exportModel } from '../export/exportModel';
import { savedExportable, validationSets } from '../export/savedModel';
import { loadLayersModelFromDir, readModelCard } from '../io/modelFiles';
import { useWasmTrainingBackend } from '../kernels/wasmBackend';
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
const cards: ModelCard[] = dirs.map(readModelCard);
const [first] = cards;
const preprocessVersion = first.preprocessing.version;
const problem = cards.some((c) => c.preprocessing.version !== preprocessVersion)
  ? 'the members use different preprocessing versions'
  : cards.some((c) => c.distanceHead.kind !== 'euclidean')
    ? 'every member must use the euclidean distance'
    : null;
if (problem || !isPreprocessVersion(preprocessVersion)) {
  console.error(`cannot combine ${cards.map((c) => c.id).join(' + ')}: ${problem ?? `preprocessing ${preprocessVersion} is not in this code`}`);
  process.exit(2);
}
const storages = new Set(cards.map((c) => c.weights?.storage ?? 'float32'));

await useWasmTrainingBackend();
const members = await Promise.all(dirs.map(loadLayersModelFromDir));
let combined: ReturnType<typeof combineMembers>;
try {
  combined = combineMembers(members, cards.map((c) => c.architecture));
} catch (e) {
  console.error(`cannot combine ${cards.map((c) => c.id).join(' + ')}: ${e instanceof Error ? e.message : e}`);
  process.exit(2);
}
members.forEach((m) => m.dispose());
const { model, cfg } = combined;
const net = savedExportable(model, cfg, first.distanceHead);
const validation = validationSets(first.training.data, preprocessVersion);
const command = `npm run combine -- ${process.argv.slice(2).join(' ')}`;
const id = basename(a.out.replace(/\/+$/, ''));
const card = await exportModel({
  net,
  dir: a.out,
  id,
  version: a.version ?? '1.0.0',
  validation,
  preprocessVersion,
  // uint8 members give a uint8 ensemble (its figures are measured with the weights as stored again).
  weightStorage: storages.size === 1 && storages.has('uint8') ? 'uint8' : 'float32',
  rule: { aggregate: first.decision.aggregate, priorWeight: first.decision.priorWeight },
  training: {
    ...first.training,
    command,
    loss: cards.map((c) => `${c.id}: ${c.training.loss}`).join('; '),
    seconds: cards.reduce((n, c) => n + c.training.seconds, 0),
  },
  ensemble: { command, members: cards.map((c) => ({ id: c.id, version: c.version, command: c.training.command, seconds: c.training.seconds })) },
});
for (const m of card.metrics) {
  console.log(`${m.data}, ${m.references} refs: skilled EER ${(100 * m.skilled.eer).toFixed(2)}% FAR ${(100 * m.skilled.far).toFixed(2)}% FRR ${(100 * m.skilled.frr).toFixed(2)}%, random EER ${(100 * m.random.eer).toFixed(2)}%`);
}
console.log(`exported ${a.out}: ensemble of ${cards.map((c) => `${c.id} ${c.version}`).join(' + ')}`);
