import { describe, expect, it } from 'vitest';
import { isModelId } from '../model/modelCard';
import { APP_PREPROCESS_VERSIONS, checkModelCard, loadDefaultModel } from './loadModel';
import type { ModelCard } from '../model/modelCard';
import { readFileSync } from 'node:fs';

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

describe('model cards the app can run', () => {
  const shipped = (): ModelCard => {
    const { default: id } = JSON.parse(readFileSync('models/index.json', 'utf8')) as { default: string };
    return JSON.parse(readFileSync(`models/${id}/model-card.json`, 'utf8')) as ModelCard;
  };
  it('runs the 96x192 versions and accepts the shipped card', () => {
    expect(APP_PREPROCESS_VERSIONS).toEqual(['pp1-otsu-binary-96x192', 'pp2-centreline-96x192']);
    expect(() => checkModelCard(shipped())).not.toThrow();
  });
  it('refuses a model trained at another input size, naming both sizes', () => {
    const card = shipped();
    card.preprocessing = { version: 'pp1-otsu-binary-128x256', inputHeight: 128, inputWidth: 256 };
    expect(() => checkModelCard(card)).toThrow(/expects preprocessing pp1-otsu-binary-128x256 128x256, but this app preprocesses with pp1-otsu-binary-96x192 or pp2-centreline-96x192 96x192/);
  });
  it('accepts an ensemble card and refuses one whose members do not add up, saying why', () => {
    const card = shipped();
    // One network (the shipped card's first member if it is itself an ensemble).
    const member = card.architecture.members?.[0] ?? card.architecture;
    card.architecture = { ...member, embeddingDim: 2 * member.embeddingDim, members: [member, { ...member, pooling: 'layout' }] };
    expect(() => checkModelCard(card)).not.toThrow();
    card.architecture = { ...card.architecture, embeddingDim: 3 * member.embeddingDim };
    expect(() => checkModelCard(card)).toThrow(new RegExp(`describes an ensemble this app cannot build: an ensemble's embeddingDim \\(${3 * member.embeddingDim}\\) must be the sum of its members' \\(${2 * member.embeddingDim}\\)`));
  });
});
