import { describe, expect, it } from 'vitest';
import { isModelId } from '../model/modelCard';
import { loadDefaultModel } from './loadModel';

describe('model ids (one folder under models/)', () => {
  it('accepts folder names written by npm run train', () => {
    for (const id of ['countersign-v2', 'small', 'swa_seed2', 'model.1']) expect(isModelId(id)).toBe(true);
  });
  it('refuses paths, traversal and empty names', () => {
    for (const id of ['', '../secrets', 'a/b', '.hidden', 'a..b', 'x'.repeat(65), 'with space', 'https://evil/m']) expect(isModelId(id)).toBe(false);
  });
  it('a bad id is refused before anything is fetched, with a message naming it', async () => {
    await expect(loadDefaultModel('http://127.0.0.1:9/models/', undefined, '../etc')).rejects.toThrow(/"\.\.\/etc" is not a model name/);
  });
});
