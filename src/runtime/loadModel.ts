import * as tf from '@tensorflow/tfjs';
import { isModelId, type ModelCard, type ModelIndex } from '../model/modelCard';
import { ensembleProblem } from '../model/config';
import { AGGREGATES } from '../verification/decision';
import { INPUT_HEIGHT, INPUT_WIDTH, PREPROCESS_VERSIONS, inputSizeOf, type PreprocessVersion } from '../preprocessing';
import { AppError } from './errors';

export interface LoadedModel {
  card: ModelCard;
  model: tf.LayersModel;
  /** URL of model.json. */
  url: string;
}

async function fetchJson<T>(url: string, what: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { cache: 'no-cache' });
  } catch (err) {
    throw new AppError('model-load', `Could not download the ${what} (${url}): ${(err as Error)?.message ?? err}.`, { cause: err });
  }
  if (!res.ok) throw new AppError('model-load', `Could not download the ${what}: ${url} answered ${res.status} ${res.statusText}.`);
  try {
    return (await res.json()) as T;
  } catch (err) {
    throw new AppError('model-load', `The ${what} at ${url} is not valid JSON.`, { cause: err });
  }
}

/** The preprocessing versions this app runs: those of its raster size (others serve training experiments). */
export const APP_PREPROCESS_VERSIONS: readonly PreprocessVersion[] = PREPROCESS_VERSIONS.filter((v) => {
  const s = inputSizeOf(v);
  return s.height === INPUT_HEIGHT && s.width === INPUT_WIDTH;
});

/** Checks a model card against this build's preprocessing; throws AppError('model-mismatch'). */
export function checkModelCard(card: ModelCard): void {
  const p = card.preprocessing;
  if (!p || !(APP_PREPROCESS_VERSIONS as readonly string[]).includes(p.version) || p.inputHeight !== INPUT_HEIGHT || p.inputWidth !== INPUT_WIDTH) {
    throw new AppError(
      'model-mismatch',
      `Model ${card.id}@${card.version} expects preprocessing ${p?.version} ${p?.inputHeight}x${p?.inputWidth}, but this app preprocesses with ${APP_PREPROCESS_VERSIONS.join(' or ')} ${INPUT_HEIGHT}x${INPUT_WIDTH}.`,
    );
  }
  const problem = card.architecture ? ensembleProblem(card.architecture) : null;
  if (problem) throw new AppError('model-mismatch', `Model card ${card.id} describes an ensemble this app cannot build: ${problem}.`);
  if (!card.distanceHead || !card.decision || !(card.decision.threshold > 0) || !(AGGREGATES as readonly string[]).includes(card.decision.aggregate)) {
    throw new AppError('model-mismatch', `Model card ${card.id} has no distance head or decision rule.`);
  }
}

/**
 * Loads the default model named by <base>index.json (or the model `modelId`, e.g. for the
 * benchmark of another model): its card and its tfjs layers model.
 * onProgress receives the weight download fraction (0..1).
 */
export async function loadDefaultModel(baseUrl: string, onProgress?: (fraction: number) => void, modelId?: string): Promise<LoadedModel> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  let id = modelId;
  if (id === undefined) {
    const index = await fetchJson<ModelIndex>(`${base}index.json`, 'model index');
    if (!index.default) throw new AppError('model-load', `${base}index.json names no default model.`);
    id = index.default;
  } else if (!isModelId(id)) {
    throw new AppError('model-load', `"${id}" is not a model name (one folder under models/).`);
  }
  const card = await fetchJson<ModelCard>(`${base}${id}/model-card.json`, 'model card');
  checkModelCard(card);
  const url = `${base}${id}/model.json`;
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(url, { onProgress: (f) => onProgress?.(f) });
  } catch (err) {
    throw new AppError('model-load', `Could not load the model ${url}: ${(err as Error)?.message ?? err}.`, { cause: err });
  }
  const shape = model.inputs[0]?.shape;
  if (!shape || shape[1] !== INPUT_HEIGHT || shape[2] !== INPUT_WIDTH || shape[3] !== 1) {
    model.dispose();
    throw new AppError('model-mismatch', `The model's input is ${JSON.stringify(shape)}, expected [null, ${INPUT_HEIGHT}, ${INPUT_WIDTH}, 1].`);
  }
  return { card, model, url };
}
