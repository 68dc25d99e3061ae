import { describe, expect, it } from 'vitest';
import { sharedDataset } from '../testing/sharedData';
import { chooseWriters, sampleBatch } from './batch';
import { readDataset } from './data/datasetReader';
import { loadWriterImages, type WriterImages } from './data/imageStore';
import { Rng } from './data/random';

const pool = (dataset: string, n: number): WriterImages[] => Array.from({ length: n }, (_, i) => ({ id: `${dataset}/${i}`, genuine: [], forged: [] }));

describe('choosing a batch of writers', () => {
  const eligible = [...pool('synthetic', 1000), ...pool('cedar-dev', 30), ...pool('bhsig', 85)];

  it('samples uniformly by writer unless asked to balance data sets', () => {
    const rng = new Rng(3);
    let synthetic = 0;
    for (let i = 0; i < 200; i++) synthetic += chooseWriters(eligible, { writers: 6, genuine: 4, forged: 2 }, rng).filter((w) => w.id.startsWith('synthetic/')).length;
    expect(synthetic / 1200).toBeGreaterThan(0.8); // 1000 of 1115 writers
  });

  it('takes writers from each data set in turn with balanceDatasets, all distinct', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 50; i++) {
      const ws = chooseWriters(eligible, { writers: 6, genuine: 4, forged: 2, balanceDatasets: true }, rng);
      expect(ws).toHaveLength(6);
      expect(new Set(ws.map((w) => w.id)).size).toBe(6);
      const per = new Map<string, number>();
      for (const w of ws) per.set(w.id.split('/')[0], (per.get(w.id.split('/')[0]) ?? 0) + 1);
      expect([...per.values()]).toEqual([2, 2, 2]);
    }
    // A small data set runs out: the others fill the batch.
    const small = [...pool('a', 1), ...pool('b', 10)];
    const ws = chooseWriters(small, { writers: 6, genuine: 4, forged: 2, balanceDatasets: true }, new Rng(1));
    expect(ws.map((w) => w.id.split('/')[0]).sort()).toEqual(['a', 'b', 'b', 'b', 'b', 'b']);
  });

  it('with one data set, balanceDatasets samples exactly as without it (same draws, same random stream after)', () => {
    const one = pool('mixed-w1000-s1', 1000);
    const a = new Rng(11);
    const b = new Rng(11);
    for (let i = 0; i < 20; i++) {
      const plain = chooseWriters(one, { writers: 6, genuine: 4, forged: 2 }, a);
      const balanced = chooseWriters(one, { writers: 6, genuine: 4, forged: 2, balanceDatasets: true }, b);
      expect(balanced.map((w) => w.id)).toEqual(plain.map((w) => w.id));
    }
    expect(b.next()).toBe(a.next());
  });
});

describe('sampling a batch of real signatures', () => {
  it('numbers writers within the batch and gives each image its proxy class in the whole pool', () => {
    const real = loadWriterImages(readDataset(sharedDataset('cedar-dev')).slice(0, 5));
    const b = sampleBatch(real, { writers: 2, genuine: 2, forged: 1 }, new Rng(4), { height: 96, width: 192 }, null);
    expect(b.size).toBe(6);
    expect(Array.from(b.writer)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(b.genuine)).toEqual([1, 1, 0, 1, 1, 0]);
    // Class 2i for writer i's genuine signatures, 2i + 1 for its forgeries, i its index in the pool.
    const w0 = b.classes[0] >> 1;
    const w1 = b.classes[3] >> 1;
    expect(w0).not.toBe(w1);
    expect(Array.from(b.classes)).toEqual([2 * w0, 2 * w0, 2 * w0 + 1, 2 * w1, 2 * w1, 2 * w1 + 1]);
    expect(Math.max(w0, w1)).toBeLessThan(5);
  });
});
