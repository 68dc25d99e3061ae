/**
 * npm run recalibrate -- --model DIR [--aggregate min|mean|min-mean] [--prior-weight W] [--version V] [--weights uint8] [--reason TEXT]
 *
 * Fixes a saved model's decision rule again on the validation writers of the data sets it was
 * trained with (its card's training.data), with another score rule, and rewrites its card,
 * MODEL_CARD.md and DET plot with the figures measured under that rule. The weights are not
 * touched, unless --weights uint8 stores float32 weights quantised (4x smaller; the rule and
 * figures are then those of the quantised weights). The new version string (default: minor
 * version + 1) makes the app re-embed stored references from their stored rasters. --reason says on
 * the card why it was done. With the same rule and the same weights the card keeps its synthetic
 * writers' table (npm run synthetic-report): those EERs depend on the weights and the score rule only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPreprocessVersion } from '../../preprocessing';
import { AGGREGATES, type Aggregate } from '../../verification/decision';
import { DEFAULT_RULE, exportModel } from '../export/exportModel';
import { savedExportable, validationSets } from '../export/savedModel';
import { loadLayersModelFromDir, readModelCard, savedWeightStorage } from '../io/modelFiles';
import { useWasmTrainingBackend } from '../kernels/wasmBackend';
import { commandLine } from '../io/commandLine';
import { cliArgs, num } from './args';
import { SYNTHETIC_SECTION } from '../export/modelCardMarkdown';

const USAGE = `npm run recalibrate -- --model DIR [--aggregate ${AGGREGATES.join('|')}] [--prior-weight W] [--version V] [--weights uint8] [--reason TEXT]
  defaults: --aggregate ${DEFAULT_RULE.aggregate} --prior-weight ${DEFAULT_RULE.priorWeight}, version = minor + 1, weights as they are`;
const a = cliArgs(
  { model: { type: 'string' }, aggregate: { type: 'string' }, 'prior-weight': { type: 'string' }, version: { type: 'string' }, weights: { type: 'string' }, reason: { type: 'string' } },
  USAGE,
);
if (!a.model || !existsSync(`${a.model}/model-card.json`)) {
  console.error(`--model must be a model folder with model-card.json\n\n${USAGE}`);
  process.exit(2);
}
const aggregate = (a.aggregate ?? DEFAULT_RULE.aggregate) as Aggregate;
if (!AGGREGATES.includes(aggregate)) {
  console.error(`--aggregate must be one of ${AGGREGATES.join(', ')}`);
  process.exit(2);
}
const priorWeight = num(a['prior-weight'], DEFAULT_RULE.priorWeight, 'prior-weight');
if (a.weights !== undefined && a.weights !== 'uint8') {
  console.error(`--weights can only be uint8 (quantise float32 weights); got ${a.weights}\n\n${USAGE}`);
  process.exit(2);
}
const stored = savedWeightStorage(a.model);
if (a.weights === 'uint8' && stored.storage === 'uint8') {
  console.error(`${a.model} already stores uint8 weights; quantising them again would change nothing`);
  process.exit(2);
}
const card = readModelCard(a.model);
const preprocessVersion = card.preprocessing.version;
if (!isPreprocessVersion(preprocessVersion)) {
  console.error(`model ${card.id} needs preprocessing ${preprocessVersion}, which this code does not have`);
  process.exit(1);
}
const [major, minor] = card.version.split('.').map(Number);
const version = a.version ?? `${major}.${(minor || 0) + 1}.0`;

await useWasmTrainingBackend();
const model = await loadLayersModelFromDir(a.model);
const cfg = card.architecture;
const net = savedExportable(model, cfg, card.distanceHead);
const validation = validationSets(card.training.data, preprocessVersion);
const before = card.decision;
// Its synthetic writers' EERs depend on the weights and the score rule only: with both unchanged they still hold.
const mdPath = join(a.model, 'MODEL_CARD.md');
const synthetic =
  card.syntheticEffect && a.weights === undefined && aggregate === before.aggregate && priorWeight === before.priorWeight
    ? { effect: card.syntheticEffect, markdownSection: existsSync(mdPath) ? readFileSync(mdPath, 'utf8').match(SYNTHETIC_SECTION)?.[0] : undefined }
    : undefined;
const out = await exportModel({
  net,
  dir: a.model,
  id: card.id,
  version,
  validation,
  training: card.training,
  preprocessVersion,
  rule: { aggregate, priorWeight },
  // An ensemble's card names its members (the card's Network section); the same weights, the same members.
  ...(card.ensemble ? { ensemble: card.ensemble } : {}),
  ...(synthetic ? { synthetic } : {}),
  saveWeights: a.weights === 'uint8',
  weightStorage: a.weights === 'uint8' ? 'uint8' : undefined,
  recalibration: {
    command: commandLine('recalibrate'),
    previousVersion: card.recalibration?.previousVersion ?? card.version,
    previousRule: card.recalibration?.previousRule ?? `${before.aggregate} distance, prior weight ${before.priorWeight}`,
    ...(a.weights === 'uint8' || card.recalibration?.quantised ? { quantised: true } : {}),
    ...(a.reason ? { reason: a.reason } : {}),
  },
});
console.log(`${card.id}: rule ${before.aggregate} / prior ${before.priorWeight} (version ${card.version}) -> ${aggregate} / prior ${priorWeight} (version ${version})`);
for (const m of out.metrics) {
  console.log(`  ${m.data}, ${m.references} refs: skilled EER ${(100 * m.skilled.eer).toFixed(1)}% (FAR ${(100 * m.skilled.far).toFixed(1)}% / FRR ${(100 * m.skilled.frr).toFixed(1)}%), random EER ${(100 * m.random.eer).toFixed(1)}%`);
}
console.log(
  `rewrote ${a.model}/model-card.json, MODEL_CARD.md and det.png; ${a.weights === 'uint8' ? `weights quantised to uint8 (${stored.bytes} -> ${out.weights?.bytes} bytes)` : 'weights unchanged'}.` +
    (synthetic ? ' Same rule and weights: the synthetic writers\' table is kept.' : card.syntheticEffect ? ' Rerun synthetic-report --card to measure its synthetic writers\' table again.' : ''),
);

