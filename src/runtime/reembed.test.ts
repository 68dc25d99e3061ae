import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { PREPROCESS_VERSION } from '../preprocessing';
import { SignatureStore } from '../storage';
import { reembedStale, type ReembedTarget } from './reembed';

const opened: SignatureStore[] = [];
afterEach(() => {
  while (opened.length) opened.pop()!.close();
});

async function seeded(n: number): Promise<SignatureStore> {
  const s = await SignatureStore.open({ name: `reembed-${Math.random()}` });
  opened.push(s);
  for (let c = 0; c < n; c++) {
    await s.createCustomer({ id: `c${c}`, name: `C ${c}` });
    await s.addReferences(`c${c}`, [0, 1].map((k) => {
      const image = new Uint8Array(8);
      image[k] = 10 + c;
      return { image, width: 4, height: 2, embedding: Float32Array.from([0]), modelId: 'm', modelVersion: '1', preprocessVersion: PREPROCESS_VERSION, source: 'file' as const, label: 'x' };
    }));
  }
  return s;
}

/** A fake model: the embedding is the raster's sum; fails on call `failOn` (a page closed halfway). */
function target(version: string, failOn = -1): ReembedTarget & { calls: number } {
  const t = {
    modelId: 'm',
    modelVersion: version,
    preprocessVersion: PREPROCESS_VERSION,
    calls: 0,
    async embed(rasters: readonly Float32Array[]) {
      if (t.calls++ === failOn) throw new Error('page closed');
      return rasters.map((r) => Float32Array.from([r.reduce((a, b) => a + b, 0)]));
    },
  };
  return t;
}

describe('re-embedding after a model change', () => {
  it('re-embeds everything in batches with progress and tags the new version', async () => {
    const s = await seeded(5);
    const seen: number[] = [];
    const p = await reembedStale(s, target('2'), { batchSize: 3, onProgress: (x) => seen.push(x.done) });
    expect(p).toEqual({ done: 10, total: 10, skipped: 0 });
    expect(seen).toEqual([0, 3, 6, 9, 10]);
    expect(await s.staleReferenceIds('m', '2')).toEqual([]);
    const r = (await s.listReferences('c0'))[0];
    expect(r.modelVersion).toBe('2');
    expect(r.embedding[0]).toBeCloseTo(10 / 255, 6);
  });

  it('is resumable: an interrupted run keeps finished batches, the next run does the rest', async () => {
    const s = await seeded(4);
    await expect(reembedStale(s, target('2', 1), { batchSize: 3 })).rejects.toThrow('page closed');
    expect((await s.staleReferenceIds('m', '2')).length).toBe(5); // first batch of 3 committed
    const t = target('2');
    const p = await reembedStale(s, t, { batchSize: 3 });
    expect(p.total).toBe(5);
    expect(t.calls).toBe(2);
    expect(await s.staleReferenceIds('m', '2')).toEqual([]);
  });

  it('skips references of older preprocessing and references deleted meanwhile', async () => {
    const s = await seeded(2);
    const [r] = await s.listReferences('c0');
    // A model trained with the other preprocessing (pp1 <-> pp2) cannot reuse the stored raster either.
    await s.db.put('references', { ...r, preprocessVersion: 'pp2-centreline-96x192' });
    const p = await reembedStale(s, target('2'));
    expect(p.skipped).toBe(1);
    expect((await s.staleReferenceIds('m', '2')).length).toBe(1);
  });
});
