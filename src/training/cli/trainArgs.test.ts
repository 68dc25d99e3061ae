import { describe, expect, it } from 'vitest';
import { TRAIN_DEFAULTS } from '../defaults';
import { pretrainBatchShape } from './trainArgs';

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
