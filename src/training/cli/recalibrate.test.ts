import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelCard } from '../../model/modelCard';
import { sharedDataset } from '../../testing/sharedData';
import { defaultModelDir, loadLayersModelFromDir, saveLayersModel } from '../io/modelFiles';
import { useWasmTrainingBackend } from '../kernels/wasmBackend';

const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
const cli = join(process.cwd(), 'src/training/cli/recalibrate.ts');
const evalCli = join(process.cwd(), 'src/training/cli/evaluate.ts');

/** A copy of the shipped model whose card names only cedar-dev's validation writers, to keep a recalibration short. */
function shippedCopy(prefix: string) {
  const dir = join(mkdtempSync(join(tmpdir(), prefix)), 'model');
  cpSync(defaultModelDir(), dir, { recursive: true });
  const cardPath = join(dir, 'model-card.json');
  const shipped = JSON.parse(readFileSync(cardPath, 'utf8')) as ModelCard;
  writeFileSync(cardPath, JSON.stringify({ ...shipped, training: { ...shipped.training, data: [sharedDataset('cedar-dev')] } }));
  return { dir, cardPath, shipped };
}

describe('npm run recalibrate', () => {
  it("fixes another score rule on the shipped model's validation writers, keeps the weights, and eval agrees with the new card", () => {
    const { dir, cardPath, shipped } = shippedCopy('cs-recal-');
    const weights = readFileSync(join(dir, 'weights.bin'));
    const out = execFileSync(tsx, [cli, '--model', dir, '--aggregate', 'min', '--prior-weight', '3', '--version', '9.9.0'], { encoding: 'utf8' });
    expect(out).toMatch(/-> min \/ prior 3 \(version 9\.9\.0\)/);
    const card = JSON.parse(readFileSync(cardPath, 'utf8')) as ModelCard;
    expect(card.version).toBe('9.9.0');
    expect(card.decision.aggregate).toBe('min');
    expect(card.decision.priorWeight).toBe(3);
    expect(card.decision.thresholds).toHaveLength(5);
    expect(card.recalibration?.command).toMatch(/^npm run recalibrate -- --model .* --aggregate min --prior-weight 3/);
    expect(card.metrics.map((m) => [m.data, m.references])).toEqual([['cedar-dev validation writers', 5], ['cedar-dev validation writers', 1]]);
    expect(readFileSync(join(dir, 'weights.bin')).equals(weights)).toBe(true);
    // the card still describes the same network (an ensemble's members included)
    expect(card.architecture).toEqual(shipped.architecture);
    expect(card.ensemble).toEqual(shipped.ensemble);
    // operating points ordered around the default at every reference count
    const [strict, balanced, lenient] = card.decision.operatingPoints;
    expect(balanced.thresholds).toEqual(card.decision.thresholds);
    for (let i = 0; i < 5; i++) {
      expect(strict.thresholds![i]).toBeLessThanOrEqual(balanced.thresholds![i]);
      expect(lenient.thresholds![i]).toBeGreaterThanOrEqual(balanced.thresholds![i]);
    }
    const md = readFileSync(join(dir, 'MODEL_CARD.md'), 'utf8');
    expect(md).toMatch(/score = min distance to the references[\s\S]*Rule fixed again on the same weights with `npm run recalibrate/);
    // Another rule: the synthetic writers' EERs on the card no longer apply, so they go.
    expect(shipped.syntheticEffect).toBeDefined();
    expect(card.syntheticEffect).toBeUndefined();
    expect(md).not.toContain('## Synthetic writers: measured effect');
    // The evaluation command, run on the recalibrated model, measures what its card says.
    const json = join(dir, 'eval.json');
    execFileSync(tsx, [evalCli, '--data', sharedDataset('cedar-dev'), '--split', 'validation', '--refs', '5', '--model', dir, '--json', json], { encoding: 'utf8' });
    const r = JSON.parse(readFileSync(json, 'utf8'));
    expect(r.skilled.eer).toBeCloseTo(card.metrics[0].skilled.eer, 6);
    expect(r.skilled.far).toBeCloseTo(card.metrics[0].skilled.far, 6);
  }, 240_000);

  it('--weights uint8 stores the weights quantised, 4x smaller, with a card measured on them that eval reproduces from the file', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cs-quant-')), 'model');
    // A float32 copy of the shipped model (whatever its own storage), cedar-dev only to keep it short.
    await useWasmTrainingBackend();
    const model = await loadLayersModelFromDir(defaultModelDir());
    await saveLayersModel(model, dir);
    model.dispose();
    const shipped = JSON.parse(readFileSync(join(defaultModelDir(), 'model-card.json'), 'utf8')) as ModelCard;
    const cardPath = join(dir, 'model-card.json');
    writeFileSync(cardPath, JSON.stringify({ ...shipped, version: '2.0.0', training: { ...shipped.training, data: [sharedDataset('cedar-dev')] } }));
    const floatBytes = statSync(join(dir, 'weights.bin')).size;
    const out = execFileSync(tsx, [cli, '--model', dir, '--weights', 'uint8'], { encoding: 'utf8' });
    expect(out).toMatch(/weights quantised to uint8/);
    const card = JSON.parse(readFileSync(cardPath, 'utf8')) as ModelCard;
    expect(card.version).toBe('2.1.0');
    expect(card.weights).toEqual({ storage: 'uint8', bytes: statSync(join(dir, 'weights.bin')).size });
    expect(card.weights!.bytes).toBeLessThan(floatBytes / 3.5);
    expect(card.recalibration?.quantised).toBe(true);
    expect(readFileSync(join(dir, 'MODEL_CARD.md'), 'utf8')).toMatch(/weights stored as uint8 \(\d+ KiB[\s\S]*Thresholds and operating points fixed again on the same weights quantised to uint8 with `npm run recalibrate -- --model [^`]* --weights uint8` \(the score rule is version [\d.]+'s, unchanged\)/);
    // eval loads the quantised file and measures exactly what the card says
    const json = join(dir, 'eval.json');
    execFileSync(tsx, [evalCli, '--data', sharedDataset('cedar-dev'), '--split', 'validation', '--refs', '5', '--model', dir, '--json', json], { encoding: 'utf8' });
    const r = JSON.parse(readFileSync(json, 'utf8'));
    expect(r.skilled.eer).toBeCloseTo(card.metrics[0].skilled.eer, 6);
    expect(r.skilled.far).toBeCloseTo(card.metrics[0].skilled.far, 6);
    expect(r.skilled.frr).toBeCloseTo(card.metrics[0].skilled.frr, 6);
    // and quantising again is refused
    const again = spawnSync(tsx, [cli, '--model', dir, '--weights', 'uint8'], { encoding: 'utf8' });
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already stores uint8 weights/);
  }, 360_000);

  it('with the same rule and weights the synthetic table stays, and --reason goes on the card', () => {
    const { dir, cardPath, shipped } = shippedCopy('cs-recal-same-');
    const out = execFileSync(tsx, [cli, '--model', dir, '--version', shipped.version, '--reason', 'a test'], { encoding: 'utf8' });
    expect(out).toMatch(/the synthetic writers' table is kept/);
    const card = JSON.parse(readFileSync(cardPath, 'utf8')) as ModelCard;
    expect(card.version).toBe(shipped.version);
    expect(card.syntheticEffect).toEqual(shipped.syntheticEffect);
    expect(card.recalibration?.reason).toBe('a test');
    const md = readFileSync(join(dir, 'MODEL_CARD.md'), 'utf8');
    const section = (text: string) => text.slice(text.indexOf('## Synthetic writers: measured effect'));
    expect(section(md)).toBe(section(readFileSync(join(defaultModelDir(), 'MODEL_CARD.md'), 'utf8')));
    expect(md).toMatch(/Thresholds and operating points fixed again on the same weights with `npm run recalibrate -- --model .*` \(the score rule is version .*'s, unchanged\)\. Why: a test\./);
    expect(md.match(/## Synthetic writers: measured effect/g)).toHaveLength(1);
  }, 240_000);

  it('refuses an unknown score rule', () => {
    const r = spawnSync(tsx, [cli, '--model', defaultModelDir(), '--aggregate', 'median'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--aggregate must be one of min, mean, min-mean/);
  });
});
