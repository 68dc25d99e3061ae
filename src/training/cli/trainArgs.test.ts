import { describe, expect, it } from 'vitest';
import { TRAIN_DEFAULTS } from '../defaults';
import { batchShapeProblem, pretrainBatchShape } from './trainArgs';

describe('pretrainBatchShape (the pretraining batch of npm run train)', () => {
  it('takes --pretrain-batch as given, whatever the training batch', () => {
    expect(pretrainBatchShape({ 'pretrain-batch': '5,3,2', writers: '9', genuine: '3', forged: '1' }, { writers: 9, genuine: 3, forged: 1 })).toEqual({ writers: 5, genuine: 3, forged: 2 });
  });
  it("is the recipe's pretraining batch when no batch flag is given", () => {
    expect(pretrainBatchShape({}, TRAIN_DEFAULTS.batch)).toEqual({ ...TRAIN_DEFAULTS.pretrainBatch });
    // The recipe pretrains and trains with different batches, so this is not the training batch passed through.
    expect(TRAIN_DEFAULTS.pretrainBatch).not.toEqual(TRAIN_DEFAULTS.batch);
  });
  it('follows --writers / --genuine / --forged when one is given, so a command written before the flag pretrains as it did', () => {
    expect(pretrainBatchShape({ writers: '9', genuine: '3', forged: '1' }, { writers: 9, genuine: 3, forged: 1 })).toEqual({ writers: 9, genuine: 3, forged: 1 });
    expect(pretrainBatchShape({ forged: '4' }, { writers: 9, genuine: 3, forged: 4 })).toEqual({ writers: 9, genuine: 3, forged: 4 });
  });
});

describe('batchShapeProblem (which per-worker batches can train)', () => {
  it("accepts the recipe's batches and the smallest that can make a triplet", () => {
    expect(batchShapeProblem(TRAIN_DEFAULTS.batch)).toBeUndefined();
    expect(batchShapeProblem(TRAIN_DEFAULTS.pretrainBatch)).toBeUndefined();
    expect(batchShapeProblem({ writers: 2, genuine: 2, forged: 0 })).toBeUndefined();
  });
  it('names what is wrong with a batch that cannot', () => {
    expect(batchShapeProblem({ writers: 1, genuine: 3, forged: 1 })).toBe('a batch needs 2 or more writers');
    expect(batchShapeProblem({ writers: 9, genuine: 1, forged: 1 })).toMatch(/^each writer needs 2 or more genuine signatures/);
    expect(batchShapeProblem({ writers: 9, genuine: 3, forged: -1 })).toBe('the forgeries per writer cannot be negative');
    expect(batchShapeProblem({ writers: 9, genuine: 3.5, forged: 1 })).toBe('each must be a whole number');
  });
});
