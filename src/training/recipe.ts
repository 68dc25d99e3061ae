import { relative, resolve, sep } from 'node:path';
import { canonicalJson } from '../backup/canonical';
import { hashString } from './data/random';
import type { TrainOptions } from './trainer';
import type { CardBatch } from '../model/modelCard';

/**
 * What decides a training run's result apart from how many steps it runs: the network, loss,
 * optimiser, batches, augmentation, preprocessing, averaging, teacher and the training writers.
 * A checkpoint stores it, so a run resumed with other flags stops instead of silently training
 * a mixture of two recipes. The step count is left out on purpose: a finished run may be
 * continued with more steps.
 */
export type Recipe = Record<string, unknown>;

export function trainingRecipe(o: TrainOptions, writerIds: readonly string[]): Recipe {
  return {
    network: o.cfg,
    loss: o.loss,
    metric: o.metric,
    'learning rate': o.lr,
    batch: o.batch,
    workers: o.workers,
    seed: o.seed,
    augmentation: o.augment,
    preprocessing: o.preprocessVersion,
    'average from': o.averageFrom ?? null,
    teacher: o.teacher ? { ...o.teacher, dir: recipeTeacherDir(o.teacher.dir, o.checkpointDir) } : null,
    // In order: the order decides which writer gets which proxy.
    'training writers': `${writerIds.length} (${writerIds[0] ?? ''} .. ${writerIds.at(-1) ?? ''}, hash ${hashString(writerIds.join('\n')).toString(16).padStart(8, '0')})`,
  };
}

/**
 * The teacher's folder as the recipe records it: a teacher trained by the same command lives inside
 * the checkpoint folder and is named relative to it ("<checkpoints>/teacher/model"), so a copied or
 * renamed checkpoint folder still resumes; any other teacher by its path as given.
 */
export function recipeTeacherDir(teacherDir: string, checkpointDir: string): string {
  const rel = relative(resolve(checkpointDir), resolve(teacherDir));
  return rel && !rel.startsWith('..') && !rel.startsWith(sep) ? `<checkpoints>/${rel.split(sep).join('/')}` : teacherDir;
}

/** The recipe's entries that differ between a checkpoint's run and this one, as readable lines. */
export function recipeDifferences(saved: Recipe, now: Recipe): string[] {
  const keys = [...new Set([...Object.keys(saved), ...Object.keys(now)])];
  return keys
    .filter((k) => canonical(saved[k]) !== canonical(now[k]))
    .map((k) => `${k}: checkpoint ${canonical(saved[k])}, this run ${canonical(now[k])}`);
}

/** Strings as they are; anything else as canonical JSON (keys sorted, unset fields dropped), so equal settings compare equal. */
function canonical(v: unknown): string {
  if (v === undefined) return 'unset';
  return typeof v === 'string' ? v : canonicalJson(v);
}

/** The batch a run's recipe records, as the model card states it; undefined for a checkpoint without one (older runs). */
export function cardBatch(recipe: Recipe | undefined): CardBatch | undefined {
  const b = recipe?.batch as Partial<CardBatch> | undefined;
  const workers = recipe?.workers;
  if (!b || typeof workers !== 'number' || ![b.writers, b.genuine, b.forged].every((n) => typeof n === 'number')) return undefined;
  return { writers: b.writers!, genuine: b.genuine!, forged: b.forged!, workers };
}
