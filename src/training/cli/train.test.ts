import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelCard } from '../../model/modelCard';
import { sharedDataset } from '../../testing/sharedData';
import { TRAIN_DEFAULTS } from '../defaults';
import { checkpointMeta } from '../checkpoint';

const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
const cli = join(process.cwd(), 'src/training/cli/train.ts');

/** A small cedar-dev: 8 training writers and 2 validation writers (031, 032), linked, not copied. */
function smallCedar(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'cs-train-')), 'cedar-dev');
  mkdirSync(dir);
  for (const w of ['001', '002', '003', '004', '005', '006', '007', '008', '031', '032']) symlinkSync(join(sharedDataset('cedar-dev'), w), join(dir, w));
  return dir;
}

/** Pretraining data beside it: five Bengali writers (all training writers there), linked, not copied. */
function smallBengali(root: string): string {
  const dir = join(root, 'bhsig260-bengali');
  mkdirSync(dir);
  for (const w of ['B001', 'B002', 'B003', 'B004', 'B005']) symlinkSync(join(sharedDataset('bhsig260-bengali'), w), join(dir, w));
  return dir;
}

const card = (dir: string) => JSON.parse(readFileSync(join(dir, 'model-card.json'), 'utf8')) as ModelCard;

describe('npm run train -- --pooling A,B (an ensemble in one command)', () => {
  it('trains one network per pooling with its own filters and seed, joins them into one model, and rebuilds it identically from its checkpoints', () => {
    const data = smallCedar();
    const root = join(data, '..');
    const out = join(root, 'ens');
    const ckpt = join(root, 'ckpt');
    const args = [cli, '--data', data, '--synthetic', '0', '--pooling', 'last,layout', '--filters', '8,8,16,16,16/8,8,8,16,16', '--steps', '2', '--eval-every', '2', '--workers', '1', '--out', out, '--checkpoints', ckpt];
    const first = spawnSync(tsx, args, { encoding: 'utf8' });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/member 1\/2 \(last\): .*exported/);
    expect(first.stdout).toMatch(/member 2\/2 \(layout\): .*exported/);
    expect(first.stdout).toMatch(/exported .*ens: ensemble of 2 networks \(last, layout\)/);

    const c = card(out);
    const members = c.architecture.members ?? [];
    expect(members.map((m) => [m.filters, m.pooling ?? 'last'])).toEqual([
      [[8, 8, 16, 16, 16], 'last'],
      [[8, 8, 8, 16, 16], 'layout'],
    ]);
    expect(c.architecture.embeddingDim).toBe(members[0].embeddingDim + members[1].embeddingDim);
    expect(c.ensemble?.members.map((m) => m.id)).toEqual(['ens-m0-last', 'ens-m1-layout']);
    expect(c.training.command).toContain('--pooling last,layout');
    // The batch each member trained with, from its checkpoint (the recipe's, one worker thread), and in the text.
    expect(c.training.batch).toEqual({ ...TRAIN_DEFAULTS.batch, workers: 1 });
    expect(readFileSync(join(out, 'MODEL_CARD.md'), 'utf8')).toContain(`- Batch: ${TRAIN_DEFAULTS.batch.writers} writers x (${TRAIN_DEFAULTS.batch.genuine} genuine + `);
    // Each member was exported with its own card, seeds 1 and 2.
    const m0 = card(join(ckpt, 'm0-last', 'model'));
    const m1 = card(join(ckpt, 'm1-layout', 'model'));
    expect([m0.training.seed, m1.training.seed]).toEqual([1, 2]);
    expect(c.parameters).toBe(m0.parameters + m1.parameters);
    expect(c.metrics.length).toBeGreaterThan(0);

    // Again from the finished checkpoints: nothing is trained again, the same weights come out.
    const weights = readFileSync(join(out, 'weights.bin'));
    const again = spawnSync(tsx, args, { encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/member 2\/2 \(layout\): resumed from .* at step 2/);
    expect(readFileSync(join(out, 'weights.bin')).equals(weights)).toBe(true);
  }, 600_000);

  it('refuses filter sets that do not match the poolings, before reading any data', () => {
    const r = spawnSync(tsx, [cli, '--pooling', 'last,layout', '--filters', '8,8,16,16,16/8,8,8,16,16/8,8,8,8,8', '--no-export'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--filters gives 3 filter sets for 2 --pooling values; give one set, or one per value');
    const lossless = spawnSync(tsx, [cli, '--loss', 'lossless', '--no-export'], { encoding: 'utf8' });
    expect(lossless.status).toBe(2);
    expect(lossless.stderr).toContain(`not with --loss lossless (the default is ${TRAIN_DEFAULTS.pooling}; give one, e.g. --pooling last)`);
    const bad = spawnSync(tsx, [cli, '--pooling', 'last,grid'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--pooling must be one of last, multiscale, layout, layout-fine, or several of them comma-separated/);
    const dim = spawnSync(tsx, [cli, '--embedding-dim', '1.5'], { encoding: 'utf8' });
    expect(dim.status).toBe(2);
    expect(dim.stderr).toContain('--embedding-dim needs a whole number from 2 to 1024 (got 1.5)');
    const drop = spawnSync(tsx, [cli, '--dropout', '1'], { encoding: 'utf8' });
    expect(drop.status).toBe(2);
    expect(drop.stderr).toContain('--dropout needs a rate from 0 up to (not including) 1 (got 1)');
    // Refused while reading the flags: the first log line of a run (the data sets) never came.
    for (const run of [r, bad, dim, drop]) expect(run.stdout).not.toContain('data: ');
  });
});

describe('npm run train -- --teacher-pooling (the distillation teacher trained in the same command)', () => {
  it('trains the teacher ensemble first, distils the student from its export in the training only, and counts its time', () => {
    const data = smallCedar();
    const root = join(data, '..');
    const pre = smallBengali(root);
    const out = join(root, 'student');
    const ckpt = join(root, 'ckpt');
    const r = spawnSync(
      tsx,
      [cli, '--data', data, '--synthetic', '0', '--pretrain', pre, '--pretrain-steps', '2', '--teacher-pretrain-steps', '1', '--pooling', 'layout', '--filters', '8,8,16,16,16', '--teacher-pooling', 'last,layout', '--teacher-steps', '2', '--no-distill-pretrain', '--steps', '2', '--eval-every', '2', '--workers', '1', '--out', out, '--checkpoints', ckpt],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    // The teacher: two networks, exported and joined inside the checkpoint folder, before the student starts.
    const t = card(join(ckpt, 'teacher', 'model'));
    expect(t.ensemble?.members.map((m) => m.id)).toEqual(['student-teacher-m0-last', 'student-teacher-m1-layout']);
    expect(t.architecture.embeddingDim).toBe(256);
    expect(card(join(ckpt, 'teacher', 'm0-last', 'model')).training.pretrain?.steps).toBe(1);
    expect(card(join(ckpt, 'teacher', 'm1-layout', 'model')).training.steps).toBe(2);
    const lines = r.stdout.split('\n');
    const studentFrom = lines.findIndex((l) => l.includes('now the student'));
    expect(studentFrom).toBeGreaterThan(lines.findIndex((l) => /teacher exported .*teacher\/model: ensemble of 2 networks/.test(l)));
    // The student: the teacher's 256-d embedding by default; no distillation term in its pretraining, one in its training.
    const student = lines.slice(studentFrom);
    const pretrained = student.findIndex((l) => l.includes('pretrained 2 steps'));
    expect(pretrained).toBeGreaterThan(0);
    const steps = (ls: string[]) => ls.filter((l) => /step \d+\/2 /.test(l));
    expect(steps(student.slice(0, pretrained)).length).toBeGreaterThan(0);
    expect(steps(student.slice(0, pretrained)).every((l) => !l.includes('distillation'))).toBe(true);
    expect(steps(student.slice(pretrained)).length).toBeGreaterThan(0);
    expect(steps(student.slice(pretrained)).every((l) => l.includes('(distillation '))).toBe(true);
    const c = card(out);
    expect(c.architecture.embeddingDim).toBe(256);
    expect(c.architecture.filters).toEqual([8, 8, 16, 16, 16]);
    expect(c.training.loss).toContain('distilled from a teacher trained first by this command (last, layout; 1 + 2 steps per network');
    expect(c.training.loss).toContain('in the training on the data sets only, not the pretraining');
    expect(c.training.seconds).toBeGreaterThanOrEqual(t.training.seconds + (c.training.pretrain?.seconds ?? 0));
  }, 600_000);

  it('refuses teacher flags that contradict each other or the student, before reading any data', () => {
    const cases: [string[], string][] = [
      [['--teacher', 'models/x', '--teacher-pooling', 'last,layout'], '--teacher DIR and --teacher-pooling contradict each other'],
      [['--teacher-steps', '5'], '--teacher-steps and --teacher-pretrain-steps need --teacher-pooling'],
      [['--no-distill-pretrain'], '--no-distill-pretrain needs --teacher DIR or --teacher-pooling P'],
      [['--teacher-pooling', 'last,layout', '--pooling', 'layout', '--embedding-dim', '128'], "the student's --embedding-dim must be 256 (got 128)"],
      [['--teacher-pooling', 'last,grid'], '--teacher-pooling must be one of last, multiscale, layout'],
      [['--teacher-pooling', 'last,layout', '--pooling', 'last,layout'], '--teacher-pooling distils into one network: not with several --pooling values'],
      [['--teacher-pooling', 'last,layout'], `not with several --pooling values (the default is ${TRAIN_DEFAULTS.pooling}; give one, e.g. --pooling layout)`],
    ];
    for (const [args, message] of cases) {
      const r = spawnSync(tsx, [cli, ...args, '--no-export'], { encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stdout).not.toContain('data: ');
    }
  });
});

describe('npm run train -- --pretrain-batch P,K,F (the pretraining\'s own batch)', () => {
  it('pretrains with its own batch and trains with --writers/--genuine/--forged (and --relative-margin, --dropout), each recorded in its checkpoint', () => {
    const data = smallCedar();
    const root = join(data, '..');
    const pre = smallBengali(root);
    const ckpt = join(root, 'ckpt');
    const r = spawnSync(
      tsx,
      [cli, '--data', data, '--synthetic', '0', '--pretrain', pre, '--pretrain-steps', '1', '--pretrain-batch', '3,2,1', '--writers', '4', '--genuine', '2', '--forged', '1', '--pooling', 'last', '--filters', '8,8,16,16,16', '--steps', '1', '--eval-every', '1', '--workers', '1', '--relative-margin', '--dropout', '0.3', '--no-export', '--checkpoints', ckpt],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(checkpointMeta(join(ckpt, 'pretrain'))?.recipe?.batch).toEqual({ writers: 3, genuine: 2, forged: 1, balanceDatasets: true });
    expect(checkpointMeta(ckpt)?.recipe?.batch).toEqual({ writers: 4, genuine: 2, forged: 1, balanceDatasets: true });
    // The relative margin is the training's only: the pretraining's recipe is the plain triplet's.
    expect((checkpointMeta(ckpt)?.recipe?.loss as { relativeMargin?: boolean }).relativeMargin).toBe(true);
    expect((checkpointMeta(join(ckpt, 'pretrain'))?.recipe?.loss as { relativeMargin?: boolean }).relativeMargin).toBeUndefined();
    // The dropout is the network's, in both phases.
    for (const dir of [ckpt, join(ckpt, 'pretrain')]) expect((checkpointMeta(dir)?.recipe?.network as { dropout: number }).dropout).toBe(0.3);
  }, 600_000);

  it('refuses a batch that is not three whole numbers, before reading any data', () => {
    for (const bad of ['6,4', '6,4,x', '1,4,2', '6,1,2', '6,4,-1']) {
      const r = spawnSync(tsx, [cli, '--pretrain-batch', bad, '--no-export'], { encoding: 'utf8' });
      expect(r.status, bad).toBe(2);
      expect(r.stderr).toContain(`--pretrain-batch needs P,K,F: P writers (2 or more) x (K genuine (2 or more) + F forgeries (0 or more)) per worker, e.g. 6,4,2 (got ${bad})`);
      expect(r.stdout).not.toContain('data: ');
    }
  });
});

describe('npm run train -- --relative-margin', () => {
  it('refuses it with a loss that has no triplet alpha, before reading any data', () => {
    const r = spawnSync(tsx, [cli, '--relative-margin', '--loss', 'contrastive', '--no-export'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--relative-margin scales the triplet alpha; it needs --loss triplet (got contrastive)');
    expect(r.stdout).not.toContain('data: ');
  });
});

describe('npm run train -- --writers P --genuine K --forged F (the training batch)', () => {
  it('refuses a training batch that cannot train (--writers, --genuine, --forged), before reading any data', () => {
    for (const [flag, bad, why] of [
      ['--writers', '1', 'a batch needs 2 or more writers'],
      ['--genuine', '1', 'each writer needs 2 or more genuine signatures'],
      ['--forged', '-1', 'the forgeries per writer cannot be negative'],
      ['--writers', '2.5', 'each must be a whole number'],
    ]) {
      const r = spawnSync(tsx, [cli, `${flag}=${bad}`, '--no-export'], { encoding: 'utf8' });
      expect(r.status, `${flag} ${bad}`).toBe(2);
      expect(r.stderr).toContain(`--writers, --genuine and --forged: ${why}`);
      expect(r.stdout).not.toContain('data: ');
    }
  });
});
