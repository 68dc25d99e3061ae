import { describe, expect, it } from 'vitest';
import { TRAIN_DEFAULTS } from '../defaults';
import { pretrainBatchShape } from './trainArgs';

describe('pretrainBatchShape (the pretraining batch of npm run train)', () => {
  it('takes --pretrain-batch as given, whatever the training batch', () => {
    expect(pretrainBatchShape({ 'pretrain-batch': '5,3,2', writers: '9', genuine: '3', forged: '1' })).toEqual({ writers: 5, genuine: 3, forged: 2 });
  });
  it("is the recipe's pretraining batch when no batch flag is given", () => {
    expect(pretrainBatchShape({})).toEqual({ ...TRAIN_DEFAULTS.pretrainBatch });
  });
  it('follows --writers / --genuine / --forged when one is given, so a command written before the flag pretrains as it did', () => {
    expect(pretrainBatchShape({ writers: '9', genuine: '3', forged: '1' })).toEqual({ writers: 9, genuine: 3, forged: 1 });
    expect(pretrainBatchShape({ forged: '4' })).toEqual({ writers: TRAIN_DEFAULTS.batch.writers, genuine: TRAIN_DEFAULTS.batch.genuine, forged: 4 });
  });
});
