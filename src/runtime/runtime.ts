import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import type { ModelCard } from '../model/modelCard';
import { probeWebGpu } from './adapter';
import { watchDeviceLoss } from './deviceLoss';
import { backendCandidates, type AdapterReport, type BackendName, type BackendPreference } from './backends';
import { AppError } from './errors';
import { inferenceModel } from './foldBatchNorm';
import { loadDefaultModel } from './loadModel';
import { Verifier } from './verifier';
import { configureWasmPaths } from './wasmPaths';
import { withWasmThreads } from './wasmThreads';

export interface RuntimeInfo {
  backend: BackendName;
  requested: BackendPreference;
  adapter: AdapterReport;
  crossOriginIsolated: boolean;
  /** wasm only: SIMD in use, the multi-threaded build in use, and XNNPACK's thread count. */
  wasmSimd: boolean | null;
  wasmThreaded: boolean | null;
  wasmThreads: number | null;
  modelId: string;
  modelVersion: string;
  /** Backends that were tried and failed, with reasons. */
  notes: string[];
  loadMs: number;
  warmUpMs: number;
  /** WebGPU/WebGL: shaders were compiled in parallel, off the main thread, before the warm-up run. */
  parallelCompile?: boolean;
  /** Layers (batch norm, ReLU) folded into the convolutions for inference. */
  foldedLayers?: number;
}

export interface RuntimeProgress {
  stage: 'adapter' | 'backend' | 'model' | 'warm-up' | 'ready';
  /** Overall progress 0..1. */
  fraction: number;
  text: string;
}

export interface Runtime {
  info: RuntimeInfo;
  verifier: Verifier;
  card: ModelCard;
}

const BACKEND_TIMEOUT_MS = 60_000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

/** Activates the first backend of the candidate list that initialises. */
async function activateBackend(candidates: BackendName[], notes: string[]): Promise<BackendName> {
  for (const name of candidates) {
    if (name === 'wasm') configureWasmPaths();
    if (!tf.findBackendFactory(name)) {
      notes.push(`${name}: not available in this browser`);
      continue;
    }
    try {
      const start = () => withTimeout(tf.setBackend(name), BACKEND_TIMEOUT_MS, `${name} start-up`);
      const ok = await (name === 'wasm' ? withWasmThreads(start) : start());
      if (ok && tf.getBackend() === name) {
        await tf.ready();
        return name;
      }
      notes.push(`${name}: failed to initialise`);
    } catch (err) {
      notes.push(`${name}: ${(err as Error)?.message ?? err}`);
    }
  }
  throw new AppError('backend', `No tfjs backend could start (${notes.join('; ')}).`);
}

/**
 * Chooses and starts the backend, loads the default model from `modelBase` and warms it up.
 * Call once per page; switching backend reloads the page.
 */
export async function startRuntime(
  preference: BackendPreference,
  modelBase: string,
  onProgress: (p: RuntimeProgress) => void = () => undefined,
  options: { parallelCompile?: boolean; /** A model other than the default of index.json (benchmarks). */ modelId?: string } = {},
): Promise<Runtime> {
  const t0 = performance.now();
  onProgress({ stage: 'adapter', fraction: 0.02, text: 'Looking for a WebGPU adapter…' });
  const adapter = await probeWebGpu();
  const notes: string[] = [];
  if (preference === 'auto' && adapter.available && adapter.fallback) notes.push('webgpu: software adapter only, so wasm is used (pick WebGPU in Settings to force it)');
  const candidates = backendCandidates(preference, adapter);
  onProgress({ stage: 'backend', fraction: 0.06, text: `Starting the ${candidates[0]} backend…` });
  const backend = await activateBackend(candidates, notes);
  watchDeviceLoss();
  let wasmSimd: boolean | null = null;
  let wasmThreaded: boolean | null = null;
  let wasmThreads: number | null = null;
  if (backend === 'wasm') {
    wasmSimd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
    // The threaded build needs SIMD too (see tfjs-backend-wasm's init()).
    wasmThreaded = wasmSimd && Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
    wasmThreads = getThreadsCount();
  }
  onProgress({ stage: 'model', fraction: 0.1, text: 'Downloading the model…' });
  const loaded = await loadDefaultModel(
    modelBase,
    (f) => onProgress({ stage: 'model', fraction: 0.1 + 0.6 * f, text: `Downloading the model… ${Math.round(f * 100)}%` }),
    options.modelId,
  );
  const { card } = loaded;
  // Inference-only: conv + batch norm + ReLU run as one fused conv (same outputs, fewer passes).
  const { model, folded, note } = await inferenceModel(loaded.model);
  if (note) notes.push(note);
  const t1 = performance.now();
  onProgress({ stage: 'warm-up', fraction: 0.75, text: `Warming up ${backend} (compiling kernels)…` });
  const verifier = new Verifier(model, card);
  const { parallelCompile } = await verifier.warmUp(options);
  const t2 = performance.now();
  onProgress({ stage: 'ready', fraction: 1, text: 'Ready' });
  return {
    verifier,
    card,
    info: {
      backend,
      requested: preference,
      adapter,
      crossOriginIsolated: typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated,
      wasmSimd,
      wasmThreaded,
      wasmThreads,
      modelId: card.id,
      modelVersion: card.version,
      notes,
      loadMs: Math.round(t1 - t0),
      warmUpMs: Math.round(t2 - t1),
      parallelCompile,
      foldedLayers: folded,
    },
  };
}

/** Live tensor count, for leak checks. */
export function liveTensors(): number {
  return tf.memory().numTensors;
}

export function activeBackend(): string {
  return tf.getBackend();
}
