import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ModelCard, ModelIndex } from '../../model/modelCard';

/** The topology and weights tfjs would save for `model` (float32 weights). */
export async function modelArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return saved!;
}

/** Writes model.json + weights.bin (tfjs layers format) into `dir`. */
export function writeModelArtifacts(artifacts: tf.io.ModelArtifacts, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const weightsManifest = [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }];
  const json = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs v${tf.version.tfjs}`,
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest,
  };
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  writeFileSync(join(dir, 'weights.bin'), Buffer.from(artifacts.weightData as ArrayBuffer));
}

/** Writes model.json + weights.bin (tfjs layers format, float32 weights) into `dir`. */
export async function saveLayersModel(model: tf.LayersModel, dir: string): Promise<void> {
  writeModelArtifacts(await modelArtifacts(model), dir);
}

/** Loads a model saved by saveLayersModel from the file system (Node). */
export async function loadLayersModelFromDir(dir: string): Promise<tf.LayersModel> {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  const weights = readFileSync(join(dir, json.weightsManifest[0].paths[0]));
  const weightSpecs = json.weightsManifest.flatMap((g: { weights: tf.io.WeightsManifestEntry[] }) => g.weights);
  const buf = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData: buf }));
}

/** How a saved model's weights.bin stores its weights, and its size. */
export function savedWeightStorage(dir: string): { storage: 'float32' | 'uint8'; bytes: number } {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  const specs: tf.io.WeightsManifestEntry[] = json.weightsManifest.flatMap((g: { weights: tf.io.WeightsManifestEntry[] }) => g.weights);
  const bytes = statSync(join(dir, json.weightsManifest[0].paths[0])).size;
  return { storage: specs.some((s) => s.quantization?.dtype === 'uint8') ? 'uint8' : 'float32', bytes };
}

export function readModelCard(dir: string): ModelCard {
  return JSON.parse(readFileSync(join(dir, 'model-card.json'), 'utf8')) as ModelCard;
}

export function writeModelCard(dir: string, card: ModelCard): void {
  writeFileSync(join(dir, 'model-card.json'), JSON.stringify(card, null, 2) + '\n');
}

/** Resolves the default model directory from models/index.json. */
export function defaultModelDir(modelsRoot = 'models'): string {
  const index = JSON.parse(readFileSync(join(modelsRoot, 'index.json'), 'utf8')) as ModelIndex;
  return join(modelsRoot, index.default);
}
