import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Recipe } from './recipe';

/** A resumable training state: step counter, timing, history, model and optimizer arrays (batches derive from seed and step). */
export interface CheckpointMeta {
  step: number;
  seconds: number;
  bestScore: number;
  bestStep: number;
  history: Array<{ step: number; loss: number; valEer?: number; valRandomEer?: number; avgValEer?: number; avgValRandomEer?: number; seconds: number }>;
  /** Snapshots in the running weight average (--average-from), saved in average.bin. */
  averageCount?: number;
  args: Record<string, unknown>;
  weightShapes: number[][];
  optimizerShapes: number[][];
  /** What the run was trained with besides its step count (see trainingRecipe); absent in older checkpoints. */
  recipe?: Recipe;
}

function pack(arrays: Float32Array[]): Buffer {
  const total = arrays.reduce((n, a) => n + a.length, 0);
  const buf = new Float32Array(total);
  let o = 0;
  for (const a of arrays) {
    buf.set(a, o);
    o += a.length;
  }
  return Buffer.from(buf.buffer);
}

function unpack(buf: Buffer, shapes: number[][]): Float32Array[] {
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  let o = 0;
  return shapes.map((s) => {
    const n = s.reduce((a, b) => a * b, 1);
    const a = all.slice(o, o + n);
    o += n;
    return a;
  });
}

/** Writes atomically (temp file + rename), so a kill mid-write never corrupts the last checkpoint. */
function writeAtomic(path: string, data: string | Buffer): void {
  writeFileSync(path + '.tmp', data);
  renameSync(path + '.tmp', path);
}

export function saveCheckpoint(dir: string, meta: CheckpointMeta, weights: Float32Array[], optimizer: Float32Array[], best?: Float32Array[], average?: Float32Array[]): void {
  mkdirSync(dir, { recursive: true });
  writeAtomic(join(dir, 'weights.bin'), pack(weights));
  writeAtomic(join(dir, 'optimizer.bin'), pack(optimizer));
  if (best) writeAtomic(join(dir, 'best.bin'), pack(best));
  if (average) writeAtomic(join(dir, 'average.bin'), pack(average));
  writeAtomic(join(dir, 'state.json'), JSON.stringify(meta, null, 1));
}

/** A checkpoint's state (step, timing, history, recipe) without its weights; null when `dir` holds none. */
export function checkpointMeta(dir: string): CheckpointMeta | null {
  if (!existsSync(join(dir, 'state.json'))) return null;
  const meta = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as CheckpointMeta;
  // JSON has no Infinity: a checkpoint saved before the first validation stores bestScore as null,
  // and `score <= null` is never true, so a resumed run would never record its best step.
  if (typeof meta.bestScore !== 'number') meta.bestScore = Infinity;
  return meta;
}

export function loadCheckpoint(
  dir: string,
): { meta: CheckpointMeta; weights: Float32Array[]; optimizer: Float32Array[]; best: Float32Array[] | null; average: Float32Array[] | null } | null {
  const meta = checkpointMeta(dir);
  if (!meta) return null;
  const weights = unpack(readFileSync(join(dir, 'weights.bin')), meta.weightShapes);
  const optimizer = unpack(readFileSync(join(dir, 'optimizer.bin')), meta.optimizerShapes);
  const best = existsSync(join(dir, 'best.bin')) ? unpack(readFileSync(join(dir, 'best.bin')), meta.weightShapes) : null;
  const average = meta.averageCount && existsSync(join(dir, 'average.bin')) ? unpack(readFileSync(join(dir, 'average.bin')), meta.weightShapes) : null;
  return { meta, weights, optimizer, best, average };
}
