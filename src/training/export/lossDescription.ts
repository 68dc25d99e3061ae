import type { LossKind } from '../losses';
import type { MetricKind } from '../network';
import type { Mining } from '../pairs';

export interface LossRecipe {
  loss: LossKind;
  mining: Mining;
  /** The triplet alpha or the contrastive m. */
  margin: number;
  /** The triplet alpha followed each writer's spread in the batch (training only, not the pretraining). */
  relativeMargin?: boolean;
  metric: MetricKind;
  augment: string;
  proxy?: { weight: number; scale: number; margin: number; lrFactor: number };
  /** The proxy term ran in the pretraining too (only said when there was a pretraining). */
  proxyInPretraining?: boolean;
  /** The pretraining's mining (only said when there was a pretraining and it mined otherwise). */
  pretrainMining?: Mining;
  /** trainingOnly: the pretraining ran without the distillation term. */
  teacher?: { name: string; weight: number; trainingOnly?: boolean };
}

/** The model card's one-line description of what the network was trained with. */
export function describeLoss(r: LossRecipe): string {
  const preMining = r.pretrainMining && r.pretrainMining !== r.mining ? `, ${r.pretrainMining} in the pretraining` : '';
  const base = r.loss === 'triplet' ? `triplet (${r.mining} mining${preMining}, alpha ${r.margin}${r.relativeMargin ? `, scaled by the writer's spread in the batch${r.pretrainMining ? ' (not in the pretraining)' : ''}` : ''})` : r.loss === 'contrastive' ? `contrastive (m ${r.margin})` : r.loss;
  const parts = [base, `${r.metric} metric`, `${r.augment} augmentation`];
  if (r.proxy) {
    const p = r.proxy;
    const lr = p.lrFactor !== 1 ? `, proxies' learning rate x${p.lrFactor}` : '';
    const pre = r.proxyInPretraining ? '; in the pretraining too, with its own proxies' : '';
    parts.push(`plus ${p.weight} x proxy loss (scale ${p.scale}, margin ${p.margin}${lr}${pre})`);
  }
  if (r.teacher) parts.push(`distilled from ${r.teacher.name} (weight ${r.teacher.weight}${r.teacher.trainingOnly ? '; in the training on the data sets only, not the pretraining' : ''})`);
  return parts.join('; ');
}

/**
 * An ensemble card's loss line: its members' lines, each after the member's id, or the one line
 * once when every member was trained the same way (an ensemble of one recipe, e.g. `--pooling A,B`).
 */
export function describeEnsembleLoss(members: readonly { id: string; loss: string }[]): string {
  const lines = new Set(members.map((m) => m.loss));
  return lines.size === 1 ? `${members[0].loss} (each network)` : members.map((m) => `${m.id}: ${m.loss}`).join('; ');
}
