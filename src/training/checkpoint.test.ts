import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCheckpoint, saveCheckpoint, type CheckpointMeta } from './checkpoint';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const meta = (bestScore: number): CheckpointMeta => ({
  step: 65,
  seconds: 120,
  bestScore,
  bestStep: -1,
  history: [{ step: 65, loss: 0.2, seconds: 120 }],
  args: {},
  weightShapes: [[2, 3], [3]],
  optimizerShapes: [[2, 3]],
});

describe('checkpoint files', () => {
  it('round-trips weights, optimizer slots, best and averaged weights', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
    dirs.push(dir);
    const w = [Float32Array.from([1, 2, 3, 4, 5, 6]), Float32Array.from([7, 8, 9])];
    const opt = [Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])];
    const best = w.map((a) => a.map((x) => -x));
    const avg = w.map((a) => a.map((x) => x / 2));
    saveCheckpoint(dir, { ...meta(0.125), bestStep: 60, averageCount: 4 }, w, opt, best, avg);
    const r = loadCheckpoint(dir)!;
    expect(r.meta.step).toBe(65);
    expect(r.meta.bestScore).toBe(0.125);
    expect(r.weights.map((a) => Array.from(a))).toEqual(w.map((a) => Array.from(a)));
    expect(Array.from(r.optimizer[0])).toEqual(Array.from(opt[0]));
    expect(Array.from(r.best![1])).toEqual([-7, -8, -9]);
    expect(Array.from(r.average![0])).toEqual([0.5, 1, 1.5, 2, 2.5, 3]);
  });

  it('a checkpoint saved before any validation resumes with no best score yet (Infinity, not null)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
    dirs.push(dir);
    saveCheckpoint(dir, meta(Infinity), [new Float32Array(6), new Float32Array(3)], [new Float32Array(6)]);
    const r = loadCheckpoint(dir)!;
    expect(r.meta.bestScore).toBe(Infinity);
    // what the trainer does at its next validation step: any finite EER becomes the best
    expect(0.3 <= r.meta.bestScore).toBe(true);
    expect(r.best).toBeNull();
    expect(r.average).toBeNull();
  });
});
