import { describe, expect, it } from 'vitest';
import { recipeDifferences } from './recipe';

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
