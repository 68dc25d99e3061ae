import { describe, expect, it } from 'vitest';
import type { ModelCard } from '../../model/modelCard';
import { sharedBatch } from './combineModels';

const member = (batch?: ModelCard['training']['batch']) => ({ training: { batch } }) as Pick<ModelCard, 'training'>;

describe('sharedBatch (the batch an ensemble card states)', () => {
  it("is the members' batch when they share one", () => {
    const b = { writers: 9, genuine: 3, forged: 1, workers: 2 };
    expect(sharedBatch([member(b), member({ ...b })])).toEqual(b);
  });
  it('is undefined when the members trained with other batches or thread counts, or a member states none', () => {
    const b = { writers: 9, genuine: 3, forged: 1, workers: 2 };
    expect(sharedBatch([member(b), member({ ...b, writers: 6 })])).toBeUndefined();
    expect(sharedBatch([member(b), member({ ...b, workers: 1 })])).toBeUndefined();
    expect(sharedBatch([member(b), member(undefined)])).toBeUndefined();
    expect(sharedBatch([member(undefined), member(b)])).toBeUndefined();
  });
});
