/**
 * npm run synthetic-report -- --models DIR[,DIR...] [--refs K] [--json FILE] [--card DIR]
 *
 * For each model: validation EER on the real validation writers (cedar-dev, BHSig; K and 1
 * references) and the drawn-vs-scanned table on 100 unseen synthetic writers rendered both ways
 * (scan-vs-scan, pad-vs-pad, scan references vs pad questioned and the reverse, raw and with the app's pen
 * matching). Every figure comes from
 * `npm run eval`; the exact commands are printed with the table. --card DIR writes the table into
 * that model's model-card.json (`syntheticEffect`) and MODEL_CARD.md (its own section).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliArgs, num } from '../src/training/cli/args';
import { SYNTHETIC_SECTION } from '../src/training/export/modelCardMarkdown';
import { DEFAULT_COUNTS } from '../src/synthetic/generator';
import { writeSyntheticSet } from '../src/synthetic/node/writeDataset';

const USAGE = 'npm run synthetic-report -- --models DIR[,DIR...] [--refs K] [--json FILE] [--card DIR]';
const a = cliArgs({ models: { type: 'string' }, refs: { type: 'string' }, json: { type: 'string' }, card: { type: 'string' } }, USAGE);
if (!a.models) {
  console.error(USAGE);
  process.exit(2);
}
const k = num(a.refs, 5, 'refs');
const EVAL_SET = '.cache/synthetic/eval-w100-both';
// 100 writers far outside every training range (training uses writers 0..N-1).
await writeSyntheticSet({ out: EVAL_SET, writers: 100, start: 100000, seed: 1, domain: 'both', counts: DEFAULT_COUNTS }, (d, n) => console.log(`eval writers ${d}/${n}`));

const conditions: { name: string; args: string[] }[] = [
  { name: `cedar-dev validation, ${k} refs`, args: ['--data', '../shared/data/cedar-dev', '--split', 'validation', '--refs', String(k)] },
  { name: 'cedar-dev validation, 1 ref', args: ['--data', '../shared/data/cedar-dev', '--split', 'validation', '--refs', '1'] },
  { name: `BHSig validation, ${k} refs`, args: ['--data', '../shared/data/bhsig260-bengali', '--split', 'validation', '--refs', String(k)] },
  { name: `synthetic scan vs scan, ${k} refs`, args: ['--data', `${EVAL_SET}/scan`, '--refs', String(k)] },
  { name: `synthetic pad vs pad, ${k} refs`, args: ['--data', `${EVAL_SET}/pad`, '--refs', String(k)] },
  { name: `synthetic scan refs vs pad questioned, ${k} refs`, args: ['--data', `${EVAL_SET}/scan`, '--questioned', `${EVAL_SET}/pad`, '--refs', String(k)] },
  // What the app does for a drawing checked against scans: the drawing is redrawn with the references' pen.
  { name: `synthetic scan refs vs pad questioned, pen-matched (the app), ${k} refs`, args: ['--data', `${EVAL_SET}/scan`, '--questioned', `${EVAL_SET}/pad`, '--pen-match', '--refs', String(k)] },
  // The reverse: references drawn on the pad, a scan (a cheque) questioned; the app redraws the scan with the pad's pen.
  { name: `synthetic pad refs vs scan questioned, ${k} refs`, args: ['--data', `${EVAL_SET}/pad`, '--questioned', `${EVAL_SET}/scan`, '--refs', String(k)] },
  { name: `synthetic pad refs vs scan questioned, pen-matched (the app), ${k} refs`, args: ['--data', `${EVAL_SET}/pad`, '--questioned', `${EVAL_SET}/scan`, '--pen-match', '--refs', String(k)] },
];
const tmp = mkdtempSync(join(tmpdir(), 'cs-report-'));
type Cell = { skilled: { eer: number }; random: { eer: number }; command: string } | null;
const results: Record<string, Record<string, Cell>> = {};
const models = a.models.split(',');
// A model whose directory is gone (runs/ is not committed) keeps the figures the card already
// holds for it; conditions it was never measured on print as "not measured".
type PreviousEffect = { models: string[]; rows: { condition: string; command: string; skilledEer: (number | null)[]; randomEer: (number | null)[] }[]; trainingCommands?: Record<string, string> };
const cardPath = a.card ? join(a.card, 'model-card.json') : undefined;
const previous: PreviousEffect | undefined = cardPath ? JSON.parse(readFileSync(cardPath, 'utf8')).syntheticEffect : undefined;
const previousColumn = (m: string) => previous?.models.findIndex((label) => label === m || label.startsWith(`${m} (`)) ?? -1;
const carried = models.filter((m) => !existsSync(join(m, 'model.json')));
for (const m of carried) {
  const col = previousColumn(m);
  if (col < 0) throw new Error(`${m} has no model.json and no figures in ${cardPath ?? 'a model card (use --card)'}`);
  results[m] = {};
  for (const c of conditions) {
    const row = previous!.rows.find((r) => r.condition === c.name);
    const skilled = row?.skilledEer[col];
    const random = row?.randomEer[col];
    results[m][c.name] = skilled == null || random == null ? null : { skilled: { eer: skilled }, random: { eer: random }, command: `npm run eval -- ${c.args.join(' ')} --model ${m}` };
  }
  console.log(`${m}: no model.json here; its figures are carried over from ${cardPath}`);
}
for (const model of models.filter((m) => !carried.includes(m))) {
  results[model] = {};
  for (const c of conditions) {
    const json = join(tmp, 'r.json');
    const args = [...c.args, '--model', model, '--json', json];
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/training/cli/evaluate.ts', ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`eval failed for ${model} / ${c.name}:\n${r.stderr}`);
    const out = JSON.parse(readFileSync(json, 'utf8'));
    results[model][c.name] = { ...out, command: `npm run eval -- ${c.args.join(' ')} --model ${model}` };
    console.log(`${model}  ${c.name}: skilled EER ${(100 * out.skilled.eer).toFixed(1)}%, random EER ${(100 * out.random.eer).toFixed(1)}%`);
  }
}
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const cell = (r: Cell) => (r ? `${pct(r.skilled.eer)} / ${pct(r.random.eer)}` : 'not measured');
const lines = [
  `| condition | ${models.join(' | ')} |`,
  `|---|${models.map(() => '---').join('|')}|`,
  ...conditions.map((c) => `| ${c.name} | ${models.map((m) => cell(results[m][c.name])).join(' | ')} |`),
];
const commandOf = (c: { name: string; args: string[] }) => `npm run eval -- ${c.args.join(' ')} --model ${models[0]}`;
console.log(`\nskilled EER / random EER\n${lines.join('\n')}\n\nCommands (first model; --model selects another):\n${conditions.map((c) => `  ${commandOf(c)}`).join('\n')}`);
if (a.json) writeFileSync(a.json, JSON.stringify(results, null, 2) + '\n');

/** A model's training command: from its own card, else as the previous report recorded it. */
function trainingCommand(m: string): string {
  const p = join(m, 'model-card.json');
  if (existsSync(p)) return JSON.parse(readFileSync(p, 'utf8')).training?.command ?? 'unknown';
  return previous?.trainingCommands?.[m] ?? 'unknown';
}

if (a.card && cardPath) {
  const card = JSON.parse(readFileSync(cardPath, 'utf8'));
  const label = (m: string) => {
    const p = join(m, 'model-card.json');
    if (!existsSync(p)) return previous?.models[previousColumn(m)] ?? m;
    const c = JSON.parse(readFileSync(p, 'utf8'));
    return `${m} (${c.training?.pretrain ? `pretrained on ${c.training.pretrain.writers} synthetic writers` : 'no synthetic writers'})`;
  };
  card.syntheticEffect = {
    command: `npm run synthetic-report -- --models ${models.join(',')} --refs ${k}`,
    models: models.map(label),
    rows: conditions.map((c) => ({ condition: c.name, command: commandOf(c), skilledEer: models.map((m) => results[m][c.name]?.skilled.eer ?? null), randomEer: models.map((m) => results[m][c.name]?.random.eer ?? null) })),
    carriedOver: carried,
    trainingCommands: Object.fromEntries(models.map((m) => [m, trainingCommand(m)])),
  };
  writeFileSync(cardPath, JSON.stringify(card, null, 2) + '\n');
  const mdPath = join(a.card, 'MODEL_CARD.md');
  const md = readFileSync(mdPath, 'utf8').replace(SYNTHETIC_SECTION, '\n');
  const section = [
    '## Synthetic writers: measured effect',
    '',
    `Skilled EER / random EER, ${k} references unless named, same protocol as above. Columns: ${card.syntheticEffect.models.join('; ')}.`,
    'The synthetic rows are 100 unseen synthetic writers (writer indices 100000-100099, never trained on) rendered twice:',
    'as scanned ink on paper and as drawn on the app\'s pad; "scan refs vs pad questioned" enrolls the scans and questions the drawings;',
    '"pad refs vs scan questioned" is the reverse (drawn references, a scanned cheque questioned);',
    '"pen-matched (the app)" redraws the questioned signature with the pen width measured on that writer\'s references first, as the app does (src/preprocessing/penMatch.ts).',
    '',
    ...lines,
    '',
    `Command: \`${card.syntheticEffect.command}\` (each row is one \`npm run eval\`, printed by that command).`,
    '',
    'How each model was trained (its model card; runs without synthetic pretraining need `--synthetic 0` since pretraining became the default):',
    ...models.map((m) => `- ${m}: \`${trainingCommand(m)}\``),
    ...(carried.length ? ['', `Figures of ${carried.join(', ')} are carried over from the previous report (the run's directory is not in the repository); "not measured" marks rows added since. Its synthetic rows were measured on that report's rendering of the synthetic writers: the generator is deterministic on one machine, but text rasterisation differs slightly between machines, so synthetic figures move by about a point between renderings.`] : []),
    '',
  ].join('\n');
  writeFileSync(mdPath, md.trimEnd() + '\n\n' + section);
  console.log(`wrote the table into ${cardPath} and ${mdPath}`);
}
