import { basename } from 'node:path';
import type { CardBatch, ModelCard } from '../../model/modelCard';
import { combineMembers } from '../../model/ensemble';
import { isPreprocessVersion } from '../../preprocessing';
import { loadLayersModelFromDir, readModelCard } from '../io/modelFiles';
import { exportModel, type ExportInput } from './exportModel';
import { describeEnsembleLoss } from './lossDescription';
import { savedExportable, validationSets } from './savedModel';

export interface CombineInput {
  /** Exported single models (folders with model.json and model-card.json). */
  dirs: string[];
  out: string;
  version: string;
  /** The command that made the ensemble, for its card. */
  command: string;
  /** The validation writers, preprocessed, if the caller has them (else read from the first member's data). */
  validation?: ExportInput['validation'];
}

/** Why these exported models cannot be one ensemble (card-level: the architectures are checked by combineMembers), or null. */
export function combineProblem(cards: ModelCard[]): string | null {
  if (cards.length < 2) return 'an ensemble needs two or more members';
  const version = cards[0].preprocessing.version;
  if (cards.some((c) => c.preprocessing.version !== version)) return 'the members use different preprocessing versions';
  if (cards.some((c) => c.distanceHead.kind !== 'euclidean')) return 'every member must use the euclidean distance';
  return isPreprocessVersion(version) ? null : `preprocessing ${version} is not in this code`;
}

/**
 * Joins exported single models into one ensemble model (ModelConfig.members) and exports it to
 * `out`: the decision rule is fixed again on the validation writers and the card reports the
 * ensemble's own figures, names its members and their training commands. Weights are stored as the
 * members store theirs (uint8 only when every member is uint8). Throws with a readable message.
 */
export async function combineExported(x: CombineInput): Promise<ModelCard> {
  const cards = x.dirs.map(readModelCard);
  const [first] = cards;
  const preprocessVersion = first.preprocessing.version;
  const problem = combineProblem(cards);
  if (problem || !isPreprocessVersion(preprocessVersion)) throw new Error(`cannot combine ${cards.map((c) => c.id).join(' + ')}: ${problem}`);
  const members = await Promise.all(x.dirs.map(loadLayersModelFromDir));
  let combined: ReturnType<typeof combineMembers>;
  try {
    combined = combineMembers(members, cards.map((c) => c.architecture));
  } catch (e) {
    throw new Error(`cannot combine ${cards.map((c) => c.id).join(' + ')}: ${e instanceof Error ? e.message : e}`);
  } finally {
    members.forEach((m) => m.dispose());
  }
  const { model, cfg } = combined;
  const storages = new Set(cards.map((c) => c.weights?.storage ?? 'float32'));
  try {
    return await exportModel({
      net: savedExportable(model, cfg, first.distanceHead),
      dir: x.out,
      id: basename(x.out.replace(/\/+$/, '')),
      version: x.version,
      validation: x.validation ?? validationSets(first.training.data, preprocessVersion),
      preprocessVersion,
      // uint8 members give a uint8 ensemble (its figures are measured with the weights as stored again).
      weightStorage: storages.size === 1 && storages.has('uint8') ? 'uint8' : 'float32',
      rule: { aggregate: first.decision.aggregate, priorWeight: first.decision.priorWeight },
      training: {
        ...first.training,
        command: x.command,
        loss: describeEnsembleLoss(cards.map((c) => ({ id: c.id, loss: c.training.loss }))),
        seconds: cards.reduce((n, c) => n + c.training.seconds, 0),
        batch: sharedBatch(cards),
      },
      ensemble: {
        command: x.command,
        members: cards.map((c) => ({
          id: c.id,
          version: c.version,
          command: c.training.command,
          seconds: c.training.seconds,
          seed: c.training.seed,
          ...(c.training.pretrain ? { pretrainSeconds: c.training.pretrain.seconds } : {}),
        })),
      },
    });
  } finally {
    model.dispose();
  }
}

/** The members' training batch when they all share one (npm run train's ensembles do); otherwise none is stated. */
export function sharedBatch(cards: readonly Pick<ModelCard, 'training'>[]): CardBatch | undefined {
  const key = (b: CardBatch | undefined) => (b ? `${b.writers},${b.genuine},${b.forged},${b.workers}` : '');
  const first = cards[0]?.training.batch;
  return first && cards.every((c) => key(c.training.batch) === key(first)) ? first : undefined;
}
