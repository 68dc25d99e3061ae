import * as tf from '@tensorflow/tfjs';
import { buildEmbeddingNet } from './architecture';
import { ensembleProblem, type ModelConfig } from './config';

/** The configuration of an ensemble of these single networks (see ModelConfig.members). */
export function ensembleConfig(members: ModelConfig[]): ModelConfig {
  if (members.length < 2) throw new RangeError('an ensemble needs at least two members');
  const { inputHeight, inputWidth, filters, pooling, dropout } = members[0];
  const cfg: ModelConfig = {
    inputHeight,
    inputWidth,
    filters,
    ...(pooling ? { pooling } : {}),
    dropout,
    embeddingActivation: 'l2',
    embeddingDim: members.reduce((n, m) => n + m.embeddingDim, 0),
    members: members.map((m) => ({ ...m })),
  };
  const problem = ensembleProblem(cfg);
  if (problem) throw new RangeError(problem);
  return cfg;
}

/**
 * One graph holding trained single networks side by side: the ensemble network of
 * ensembleConfig(cfgs), with member i's weights (batch-norm statistics included) copied into its
 * layers prefixed `m<i>_`. The members are not changed.
 */
export function combineMembers(models: tf.LayersModel[], cfgs: ModelConfig[]): { model: tf.LayersModel; cfg: ModelConfig } {
  if (models.length !== cfgs.length) throw new RangeError(`${models.length} models for ${cfgs.length} configurations`);
  const cfg = ensembleConfig(cfgs);
  const model = buildEmbeddingNet(cfg);
  models.forEach((member, i) => {
    for (const layer of member.layers) {
      if (layer.weights.length === 0) continue;
      const ws = layer.getWeights();
      model.getLayer(`m${i}_${layer.name}`).setWeights(ws);
    }
  });
  const copied = models.reduce((n, m) => n + m.countParams(), 0);
  if (copied !== model.countParams()) throw new Error(`the ensemble has ${model.countParams()} parameters, its members ${copied}`);
  return { model, cfg };
}
