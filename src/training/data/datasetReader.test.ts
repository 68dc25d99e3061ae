import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataset } from '../../testing/sharedData';
import { readDataset } from './datasetReader';
import { isValidationWriter, splitWriters } from './split';

describe('dataset reader', () => {
  it('reads the <writer>/genuine|forged layout of ../shared/data', () => {
    const ws = readDataset(sharedDataset('cedar-dev'));
    expect(ws).toHaveLength(40);
    expect(ws[0]).toMatchObject({ id: 'cedar-dev/001', dataset: 'cedar-dev', writer: '001' });
    expect(ws[0].genuine).toHaveLength(24);
    expect(ws[0].forged).toHaveLength(24);
    // numeric order, not lexicographic
    expect(ws[0].genuine[1].endsWith('02.png')).toBe(true);
  });

  it("reads CEDAR's original flat naming (original_<w>_<n>.png, forgeries_<w>_<n>.png) in sub-folders", () => {
    const root = join(mkdtempSync(join(tmpdir(), 'cs-flat-')), 'cedar-flat');
    mkdirSync(join(root, 'full_org'), { recursive: true });
    mkdirSync(join(root, 'full_forg'), { recursive: true });
    const src = sharedDataset('cedar-dev');
    for (const n of [1, 2, 10]) {
      copyFileSync(join(src, '003/genuine', `${String(n).padStart(2, '0')}.png`), join(root, 'full_org', `original_3_${n}.png`));
      copyFileSync(join(src, '003/forged', `${String(n).padStart(2, '0')}.png`), join(root, 'full_forg', `forgeries_3_${n}.png`));
    }
    copyFileSync(join(src, '012/genuine/01.png'), join(root, 'full_org', 'original_12_1.png'));
    writeFileSync(join(root, 'Thumbs.db'), 'not an image');
    const ws = readDataset(root);
    expect(ws.map((w) => w.writer)).toEqual(['003', '012']);
    expect(ws[0].genuine.map((p) => p.split('/').pop())).toEqual(['original_3_1.png', 'original_3_2.png', 'original_3_10.png']);
    expect(ws[0].forged).toHaveLength(3);
    expect(ws[1].forged).toHaveLength(0);
  });

  it('takes genuine/forged folders in any case and under common other names (Real, Forgeries, ...)', () => {
    const root = mkdtempSync(join(tmpdir(), 'cs-names-'));
    const src = sharedDataset('cedar-dev');
    const layouts: [string, string, string][] = [
      ['w1', 'Genuine', 'Forged'],
      ['w2', 'real', 'forgeries'],
      ['w3', 'Original', 'Skilled'],
    ];
    for (const [w, g, f] of layouts) {
      mkdirSync(join(root, w, g), { recursive: true });
      mkdirSync(join(root, w, f), { recursive: true });
      copyFileSync(join(src, '005/genuine/01.png'), join(root, w, g, '01.png'));
      copyFileSync(join(src, '005/genuine/02.png'), join(root, w, g, '02.png'));
      copyFileSync(join(src, '005/forged/01.png'), join(root, w, f, '01.png'));
    }
    mkdirSync(join(root, 'w4', 'notes'), { recursive: true });
    writeFileSync(join(root, 'w4', 'notes', '01.png'), 'not a writer');
    const ws = readDataset(root);
    expect(ws.map((w) => [w.writer, w.genuine.length, w.forged.length])).toEqual([
      ['w1', 2, 1],
      ['w2', 2, 1],
      ['w3', 2, 1],
    ]);
  });

  it('says clearly when a folder holds no signatures', () => {
    const empty = mkdtempSync(join(tmpdir(), 'cs-empty-'));
    expect(() => readDataset(empty)).toThrow(/no signatures found/);
    expect(() => readDataset(join(empty, 'missing'))).toThrow(/not found/);
  });

  it('splits by writer, never by image: validation writers are fixed and disjoint from training', () => {
    const ws = [...readDataset(sharedDataset('cedar-dev')), ...readDataset(sharedDataset('bhsig260-bengali'))];
    const { train, validation } = splitWriters(ws);
    expect(validation.filter((w) => w.dataset === 'cedar-dev').map((w) => w.writer)).toEqual(['031', '032', '033', '034', '035', '036', '037', '038', '039', '040']);
    expect(validation.filter((w) => w.dataset === 'bhsig260-bengali')).toHaveLength(15);
    const trainIds = new Set(train.map((w) => w.id));
    expect(validation.some((w) => trainIds.has(w.id))).toBe(false);
    expect(train.length + validation.length).toBe(ws.length);
    expect(isValidationWriter({ dataset: 'other-set', writer: '031' })).toBe(false);
  });
});
