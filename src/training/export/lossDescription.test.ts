import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModelCard } from '../../model/modelCard';
import { describeEnsembleLoss, describeLoss } from './lossDescription';

const shippedId = (JSON.parse(readFileSync('models/index.json', 'utf8')) as { default: string }).default;
const shipped = JSON.parse(readFileSync(`models/${shippedId}/model-card.json`, 'utf8')) as ModelCard;

describe('describeLoss', () => {
  it('describes the shipped recipe (npm run train defaults) as the shipped model card says', () => {
    const network = describeLoss({
      loss: 'triplet',
      mining: 'semi-hard',
      margin: 0.3,
      metric: 'euclidean',
      augment: 'mild',
      proxy: { weight: 0.1, scale: 16, margin: 0.1, lrFactor: 10 },
      proxyInPretraining: true,
    });
    const members = shipped.ensemble?.members ?? [];
    expect(shipped.training.loss).toBe(members.length ? describeEnsembleLoss(members.map((m) => ({ id: m.id, loss: network }))) : network);
  });

  it('says when the triplet alpha followed the writer\'s spread, and that the pretraining kept it fixed', () => {
    const r = { loss: 'triplet' as const, mining: 'semi-hard' as const, margin: 0.3, metric: 'euclidean' as const, augment: 'mild', relativeMargin: true };
    expect(describeLoss(r)).toBe("triplet (semi-hard mining, alpha 0.3, scaled by the writer's spread in the batch); euclidean metric; mild augmentation");
    expect(describeLoss({ ...r, pretrainMining: 'semi-hard' })).toBe(
      "triplet (semi-hard mining, alpha 0.3, scaled by the writer's spread in the batch (not in the pretraining)); euclidean metric; mild augmentation",
    );
  });

  it("writes an ensemble's loss once when its networks share it, else each member's after its id", () => {
    expect(describeEnsembleLoss([{ id: 'a', loss: 'triplet' }, { id: 'b', loss: 'triplet' }])).toBe('triplet (each network)');
    expect(describeEnsembleLoss([{ id: 'a', loss: 'triplet' }, { id: 'b', loss: 'bce' }])).toBe('a: triplet; b: bce');
  });

  it('names contrastive margins, other losses, the proxy without its own rate, and a teacher', () => {
    expect(describeLoss({ loss: 'contrastive', mining: 'hard', margin: 1, metric: 'euclidean', augment: 'strong' })).toBe(
      'contrastive (m 1); euclidean metric; strong augmentation',
    );
    expect(
      describeLoss({
        loss: 'bce',
        mining: 'hard',
        margin: 0.3,
        metric: 'mahalanobis',
        augment: 'mild',
        proxy: { weight: 0.3, scale: 16, margin: 0.1, lrFactor: 1 },
        teacher: { name: 'countersign-v3', weight: 5 },
      }),
    ).toBe('bce; mahalanobis metric; mild augmentation; plus 0.3 x proxy loss (scale 16, margin 0.1); distilled from countersign-v3 (weight 5)');
  });

  it('says when the distillation left out the pretraining', () => {
    const r = { loss: 'triplet', mining: 'hard', margin: 0.3, metric: 'euclidean', augment: 'mild' } as const;
    expect(describeLoss({ ...r, teacher: { name: 'runs/pair', weight: 1, trainingOnly: true } })).toBe(
      'triplet (hard mining, alpha 0.3); euclidean metric; mild augmentation; distilled from runs/pair (weight 1; in the training on the data sets only, not the pretraining)',
    );
    expect(describeLoss({ ...r, teacher: { name: 'runs/pair', weight: 1, trainingOnly: false } })).toBe(
      'triplet (hard mining, alpha 0.3); euclidean metric; mild augmentation; distilled from runs/pair (weight 1)',
    );
  });

  it("says the pretraining's mining only where it differs from the training's", () => {
    const r = { loss: 'triplet', mining: 'hard', margin: 0.3, metric: 'euclidean', augment: 'mild' } as const;
    expect(describeLoss({ ...r, pretrainMining: 'semi-hard' })).toBe('triplet (hard mining, semi-hard in the pretraining, alpha 0.3); euclidean metric; mild augmentation');
    expect(describeLoss({ ...r, pretrainMining: 'hard' })).toBe('triplet (hard mining, alpha 0.3); euclidean metric; mild augmentation');
    expect(describeLoss({ ...r, loss: 'contrastive', margin: 1, pretrainMining: 'semi-hard' })).toBe('contrastive (m 1); euclidean metric; mild augmentation');
  });
});
