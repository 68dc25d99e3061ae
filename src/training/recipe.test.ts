import { describe, expect, it } from 'vitest';
import { cardBatch, recipeDifferences, recipeTeacherDir } from './recipe';

describe('recipeDifferences', () => {
  const saved = { seed: 1, loss: { kind: 'triplet', margin: 0.3, mining: 'semi-hard' }, teacher: null };

  it('finds nothing when the settings agree, whatever the key order or unset fields', () => {
    expect(recipeDifferences(saved, { teacher: null, loss: { mining: 'semi-hard', kind: 'triplet', margin: 0.3, proxy: undefined }, seed: 1 })).toEqual([]);
  });

  it('names every setting that differs, with both values', () => {
    expect(recipeDifferences(saved, { seed: 2, loss: { kind: 'triplet', margin: 0.3, mining: 'hard' }, teacher: { dir: 'models/x', weight: 1 } })).toEqual([
      'seed: checkpoint 1, this run 2',
      'loss: checkpoint {"kind":"triplet","margin":0.3,"mining":"semi-hard"}, this run {"kind":"triplet","margin":0.3,"mining":"hard"}',
      'teacher: checkpoint null, this run {"dir":"models/x","weight":1}',
    ]);
  });

  it('counts a setting only one side has as a difference', () => {
    expect(recipeDifferences(saved, { ...saved, 'average from': 200 })).toEqual(['average from: checkpoint unset, this run 200']);
  });
});

describe('recipeTeacherDir', () => {
  it('names a teacher inside the checkpoint folder relative to it, so a copied folder resumes', () => {
    expect(recipeTeacherDir('checkpoints/fastdistil/teacher/model', 'checkpoints/fastdistil')).toBe('<checkpoints>/teacher/model');
    expect(recipeTeacherDir('checkpoints/countersign-v7/teacher/model', 'checkpoints/countersign-v7/')).toBe('<checkpoints>/teacher/model');
  });

  it('keeps any other teacher as given', () => {
    expect(recipeTeacherDir('models/countersign-v6', 'checkpoints/x')).toBe('models/countersign-v6');
    expect(recipeTeacherDir('checkpoints/x-other/model', 'checkpoints/x')).toBe('checkpoints/x-other/model');
    expect(recipeTeacherDir('checkpoints/x', 'checkpoints/x')).toBe('checkpoints/x');
  });
});

describe('cardBatch (the batch a model card records, from a checkpoint\'s recipe)', () => {
  it('takes the per-worker batch and the worker count, leaving the rest of the recipe out', () => {
    const recipe = { batch: { writers: 9, genuine: 3, forged: 1, balanceDatasets: true }, workers: 2, seed: 1 };
    expect(cardBatch(recipe)).toEqual({ writers: 9, genuine: 3, forged: 1, workers: 2 });
  });
  it('is undefined for a checkpoint without a recipe, or a recipe without a batch (older runs)', () => {
    expect(cardBatch(undefined)).toBeUndefined();
    expect(cardBatch({ workers: 2 })).toBeUndefined();
    expect(cardBatch({ batch: { writers: 9, genuine: 3, forged: 1 } })).toBeUndefined();
  });
});
