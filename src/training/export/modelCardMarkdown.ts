import type { ModelConfig, Pooling } from '../../model/config';
import type { CardBatch, ModelCard } from '../../model/modelCard';
import { shellQuote } from '../io/commandLine';
import type { VerdictShares } from '../../verification/decision';
import { MIN_QUANTIZED_SIZE } from '../io/quantizeWeights';

/** How the card's architecture line words each pooling after "global avg+max pool". */
const POOLING_WORDS: Record<Pooling, string> = {
  last: '',
  multiscale: ' of the third, fourth and fifth convs',
  layout: ' and a 2x4 grid average of the fifth conv',
  'layout-fine': ' and a 3x6 grid average of the fifth conv',
};

/** One network's layers, as the card's Network section words them. */
function netLine(cfg: ModelConfig): string {
  return `conv5x5/2 -> 3x(conv3x3 + maxpool) -> conv3x3 -> global avg+max pool${POOLING_WORDS[cfg.pooling ?? 'last']} -> dense ${cfg.embeddingDim}, ${cfg.embeddingActivation} embeddings. Filters ${cfg.filters.join('/')}.`;
}

function networkLines(card: ModelCard): string {
  const members = card.architecture.members ?? [];
  if (members.length === 0) return `- Embedding net (src/model/architecture.ts): ${netLine(card.architecture)}`;
  const from = card.ensemble?.members ?? [];
  return [
    `- Ensemble of ${members.length} networks side by side on one input (src/model/architecture.ts, ModelConfig.members): the embedding is their unit embeddings concatenated, each / sqrt(${members.length}), so the distance is the root of the mean of their squared distances.`,
    ...members.map((m, i) => `  - member ${i + 1}${from[i] ? ` (${from[i].id} ${from[i].version}, trained by \`${from[i].command}\`)` : ''}: ${netLine(m)}`),
    '- Together:',
  ].join('\n');
}

const minutes = (seconds: number) => (seconds / 60).toFixed(1);

/** The training's time and seed; an ensemble's members one by one (each its own seed and time, pretraining included). */
function trainingTime(card: ModelCard): string {
  const t = `${minutes(card.training.seconds)} minutes on a 2-core machine (wasm backend, 2 worker threads)`;
  const from = card.ensemble?.members ?? [];
  if (!from.length) return `${t}, seed ${card.training.seed}`;
  const each = from.map((m, i) => {
    const seed = m.seed !== undefined ? `seed ${m.seed}, ` : '';
    const pre = m.pretrainSeconds !== undefined ? ` (pretraining ${minutes(m.pretrainSeconds)})` : '';
    return `member ${i + 1} ${seed}${minutes(m.seconds)} minutes${pre}`;
  });
  return `${t} for the members together: ${each.join('; ')}`;
}

const ts = (xs: number[]) => xs.map((x) => x.toFixed(4)).join(' / ');
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(2)}%` : 'n/a');

/** A per-worker batch as the card's text says it: "9 writers x (3 genuine + 1 skilled forgery)". */
function batchText(b: CardBatch): string {
  return `${b.writers} writers x (${b.genuine} genuine + ${b.forged} skilled ${b.forged === 1 ? 'forgery' : 'forgeries'})`;
}

/** The batches of the training and its pretraining (cards exported before they were recorded have none: no line). */
export function batchLine(card: Pick<ModelCard, 'training'>): string {
  const { batch, pretrain } = card.training;
  if (!batch) return '';
  const images = batch.writers * (batch.genuine + batch.forged) * batch.workers;
  const pre = pretrain?.batch ? `; the pretraining ${batchText(pretrain.batch)} per thread` : '';
  return `\n- Batch: ${batchText(batch)} per worker thread, ${batch.workers} thread${batch.workers === 1 ? '' : 's'} (${images} images a step)${pre}.`;
}

/** The refer-band table (accepted / referred / rejected), when the card has the shares. */
function verdictTable(card: ModelCard): string {
  const rows = card.metrics.filter((m) => m.verdicts);
  if (!rows.length) return '';
  const v = (x: VerdictShares) => (x ? `${pct(x.genuine)} / ${pct(x.refer)} / ${pct(x.forged)}` : 'n/a');
  return `With the refer band (scores within ${(100 * rows[0].verdicts!.referBand).toFixed(0)}% of the threshold go to a human), verdicts given (genuine / refer / forged):

| data | refs | genuine signatures | skilled forgeries | other writers' signatures |
|---|---|---|---|---|
${rows.map((m) => `| ${m.data} | ${m.references} | ${v(m.verdicts!.genuine)} | ${v(m.verdicts!.skilled)} | ${v(m.verdicts!.random)} |`).join('\n')}
${unlikeLine(rows)}
`;
}

/** Which rows' reference sets held a reference unlike the others (the app refers a verdict that hangs on it). */
function unlikeLine(rows: ModelCard['metrics']): string {
  const counted = rows.filter((m) => m.verdicts!.writersWithUnlike !== undefined && m.references >= 2);
  if (!counted.length) return '';
  const held = counted.map((m) => `${m.data} with ${m.references} references, ${m.verdicts!.writersWithUnlike} of ${m.writers}`).join('; ');
  return `\nAs in the app, a verdict that changes without a reference unlike the writer's others is referred (src/verification/referenceDependence.ts). Writers whose references hold one: ${held}.\n`;
}

/** MODEL_CARD.md's last section, written by `npm run synthetic-report -- --card` (not from model-card.json's main members). */
export const SYNTHETIC_SECTION = /\n## Synthetic writers: measured effect[\s\S]*$/;

/** What `npm run recalibrate` changed: the score rule, or (same rule) only the thresholds and operating points. */
export function recalibrationLine(card: ModelCard, r: NonNullable<ModelCard['recalibration']>): string {
  const weights = r.quantised ? 'the same weights quantised to uint8' : 'the same weights';
  const rule = `${card.decision.aggregate} distance, prior weight ${card.decision.priorWeight}`;
  // The reason is written out after "Why:", so the command shows its --reason as "...".
  const command = r.reason ? r.command.replace(`--reason ${shellQuote(r.reason)}`, '--reason "..."') : r.command;
  const why = r.reason ? ` Why: ${r.reason.replace(/\.?$/, '.')}` : '';
  if (r.previousRule === rule)
    return `Thresholds and operating points fixed again on ${weights} with \`${command}\` (the score rule is version ${r.previousVersion}'s, unchanged).${why}`;
  return `Rule fixed again on ${weights} with \`${command}\` (was ${r.previousRule}, version ${r.previousVersion}).${why}`;
}

/** MODEL_CARD.md, generated from model-card.json so the two never disagree. */
export function modelCardMarkdown(card: ModelCard, curveLegend: string[]): string {
  const d = card.decision;
  const rows = card.metrics
    .map((m) => `| ${m.data} | ${m.writers} | ${m.references} | ${pct(m.skilled.eer)} | ${m.skilled.auc.toFixed(4)} | ${pct(m.skilled.far)} | ${pct(m.skilled.frr)} | ${pct(m.random.eer)} | ${pct(m.random.far)} |`)
    .join('\n');
  return `# Model card: ${card.id} ${card.version}

Writer-independent Siamese signature verifier. Created ${card.created}.

## Input and preprocessing
- Input: ${card.preprocessing.inputHeight}x${card.preprocessing.inputWidth}x1, ink = 1, paper = 0.
- Preprocessing version \`${card.preprocessing.version}\` (src/preprocessing/preprocess.ts, shared by training, evaluation and the browser):
  greyscale, ink darkness relative to the local paper level, Otsu binarisation, border-line and speck removal,
  crop to the ink, ${card.preprocessing.version.startsWith('pp2') ? 'centre line (Zhang-Suen thinning) redrawn with one fixed pen width at the aspect-preserving scale (stroke-width normalisation)' : 'aspect-preserving area resize'}, centred.

## Network
${networkLines(card)} ${card.parameters.toLocaleString('en-US')} parameters, ${weightsLine(card)}.
- Distance head: ${card.distanceHead.kind}.

## Decision rule (fixed on validation writers before any reported figure was computed)
score = ${d.aggregate === 'min-mean' ? '(min + mean) / 2 of the distances' : `${d.aggregate} distance`} to the references / writer scale, where writer scale = (sum of reference-pair distances + ${d.priorWeight} x ${d.globalScale.toFixed(4)}) / (pairs + ${d.priorWeight}).
- genuine if score <= T x (1 - ${d.referBand}); forged if score > T x (1 + ${d.referBand}); otherwise refer to a human.
- T for 1..5 references: ${ts(d.thresholds ?? [d.threshold])}.${card.recalibration ? `\n- ${recalibrationLine(card, card.recalibration)}` : ''}
- Operating points (teller settings):
${d.operatingPoints.map((p) => `  - ${p.name}: T = ${ts(p.thresholds ?? [p.threshold])} (validation skilled FAR ${pct(p.validationFar)}, FRR ${pct(p.validationFrr)}, pooled over 1-5 references)`).join('\n')}

## Training
- Command: \`${card.training.command}\`
- Data: ${card.training.data.join(', ')}; ${card.training.trainWriters.length} training writers, ${card.training.validationWriters.length} validation writers (never trained on): ${card.training.validationWriters.join(' ')}.
- Loss: ${card.training.loss}. ${card.training.steps} steps (shipped weights: ${
  card.training.averagedFrom !== undefined
    ? `the mean of the weights after steps ${card.training.averagedFrom + 1}-${card.training.steps}, weight averaging, not selected on validation writers`
    : `step ${card.training.selectedStep}, the best validation skilled EER`
}), ${trainingTime(card)}.${batchLine(card)}${
  card.training.pretrain
    ? `\n- Pretrained first on ${card.training.pretrain.writers} writers of ${card.training.pretrain.data.join(', ')} for ${card.training.pretrain.steps} steps (weights of step ${card.training.pretrain.selectedStep} carried over, ${card.ensemble ? 'each member from its own seed' : `${minutes(card.training.pretrain.seconds)} minutes`}, included in the time above), then trained as above.`
    : ''
}

## Measured (far/frr at the shipped threshold; eer/auc threshold-free)
| data | writers | refs | skilled EER | skilled AUC | skilled FAR | skilled FRR | random EER | random FAR |
|---|---|---|---|---|---|---|---|---|
${rows}

${verdictTable(card)}Reproduce a row: ${card.metrics[0]?.command ?? 'npm run eval -- --data DIR --refs K --json FILE'}

Validation rows are in-sample for the threshold (it was fixed on these writers); EER/AUC do not depend on it.

![DET curves](det.png)

DET curves (FRR vs FAR, 0-50%): ${curveLegend.join('; ')}.
`;
}

/** How the card describes its weight storage. */
export function weightsLine(card: Pick<ModelCard, 'weights'>): string {
  const w = card.weights;
  if (!w || w.storage === 'float32') return `float32 weights${w ? ` (${Math.round(w.bytes / 1024)} KiB)` : ''}`;
  return `weights stored as uint8 (${Math.round(w.bytes / 1024)} KiB: every tensor of ${MIN_QUANTIZED_SIZE} or more values quantised per tensor, v = q x scale + min; biases and batch-norm statistics float32), float32 in memory; the figures below are measured with the quantised weights`;
}
