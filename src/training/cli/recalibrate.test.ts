import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelCard } from '../../model/modelCard';
import { sharedDataset } from '../../testing/sharedData';
import { defaultModelDir } from '../io/modelFiles';

const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
const cli = join(process.cwd(), 'src/training/cli/recalibrate.ts');
const evalCli = join(process.cwd(), 'src/training/cli/evaluate.ts');

describe('npm run recalibrate', () => {
  it("fixes another score rule on the shipped model's validation writers, keeps the weights, and eval agrees with the new card", () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cs-recal-')), 'model');
    cpSync(defaultModelDir(), dir, { recursive: true });
    const cardPath = join(dir, 'model-card.json');
    const shipped = JSON.parse(readFileSync(cardPath, 'utf8')) as ModelCard;
    // Only cedar-dev's validation writers, to keep the test short.
    writeFileSync(cardPath, JSON.stringify({ ...shipped, training: { ...shipped.training, data: [sharedDataset('cedar-dev')] } }));
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
    expect(readFileSync(join(dir, 'MODEL_CARD.md'), 'utf8')).toMatch(/score = min distance to the references[\s\S]*npm run recalibrate/);
    // The evaluation command, run on the recalibrated model, measures what its card says.
    const json = join(dir, 'eval.json');
    execFileSync(tsx, [evalCli, '--data', sharedDataset('cedar-dev'), '--split', 'validation', '--refs', '5', '--model', dir, '--json', json], { encoding: 'utf8' });
    const r = JSON.parse(readFileSync(json, 'utf8'));
    expect(r.skilled.eer).toBeCloseTo(card.metrics[0].skilled.eer, 6);
    expect(r.skilled.far).toBeCloseTo(card.metrics[0].skilled.far, 6);
  }, 240_000);

  it('refuses an unknown score rule', () => {
    const r = spawnSync(tsx, [cli, '--model', defaultModelDir(), '--aggregate', 'median'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--aggregate must be one of min, mean, min-mean/);
  });
});
