import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModelCard } from '../model/modelCard';
import { TRAIN_DEFAULTS, filtersFlag } from './defaults';

const shippedId = (JSON.parse(readFileSync('models/index.json', 'utf8')) as { default: string }).default;
const shipped = JSON.parse(readFileSync(`models/${shippedId}/model-card.json`, 'utf8')) as ModelCard;

describe('TRAIN_DEFAULTS', () => {
  it('is the recipe of the shipped model: plain `npm run train` rebuilds it where the app loads it', () => {
    expect(shipped.training.command).toBe('npm run train');
    expect(TRAIN_DEFAULTS.out).toBe(`models/${shippedId}`);
    const networks = shipped.architecture.members ?? [shipped.architecture];
    expect(networks.map((n) => n.pooling ?? 'last').join(',')).toBe(TRAIN_DEFAULTS.pooling);
    expect(networks.map((n) => n.filters.join(',')).join('/')).toBe(TRAIN_DEFAULTS.filters);
    expect(shipped.training.steps).toBe(TRAIN_DEFAULTS.steps);
    expect(shipped.training.pretrain?.steps).toBe(TRAIN_DEFAULTS.pretrainSteps);
  });
});

describe('filtersFlag', () => {
  it("gives the shipped recipe's filters only with its pooling; a --pooling given alone keeps full-size networks", () => {
    expect(filtersFlag({})).toBe('24,32,64,96,128/24,32,64,96,128');
    expect(filtersFlag({ pooling: 'last,layout' })).toBe('24,32,64,96,128');
    expect(filtersFlag({ pooling: 'layout' })).toBe('24,32,64,96,128');
    expect(filtersFlag({ filters: '8,8,8,8,8' })).toBe('8,8,8,8,8');
    expect(filtersFlag({ pooling: 'last', filters: '8,8,8,8,8' })).toBe('8,8,8,8,8');
  });
});
