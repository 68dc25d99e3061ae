// Must stay the first import: starts the long-task observer and the heartbeat before tfjs loads.
import { loadObservation } from './observe';
import * as tf from '@tensorflow/tfjs';
import { decodeImageBlob } from '../capture/decode';
import { pairwiseDistances } from '../model/distanceHead';
import { embedBatch, toInputBatch } from '../model/embed';
import { INPUT_HEIGHT, INPUT_WIDTH, PREPROCESS_VERSION, preprocess, strokeWidthOf, type PreprocessVersion } from '../preprocessing';
import { BROADER_PEN_FACTOR, penBroadeningFor } from '../preprocessing/penBroadening';
import { backendFromUrl, type BackendName } from '../runtime/backends';
import { evaluateVerification, type VerificationResult } from '../runtime/evaluate';
import { dequantiseRaster, quantiseRaster } from '../runtime/raster';
import { startRuntime, type Runtime, type RuntimeProgress } from '../runtime/runtime';
import { CountersignService, type SignatureInput } from '../runtime/service';
import { unlikeAmong } from '../runtime/unlikeReferences';
import { configureWasmPaths } from '../runtime/wasmPaths';
import { SignatureStore, type CustomerRecord, type NewAuditRecord, type ReferenceRecord } from '../storage';
import { buildSigNetPeer, type SigNetPeer } from './signet';
import { maxGap, summarize, summarizeLongTasks } from './stats';

/**
 * The benchmark page (bench.html). It runs the app's own runtime (startRuntime with the backend
 * forced by ?backend=), the real preprocess() and the real store (in a separate IndexedDB
 * database, BENCH_DB, so the teller's data is never touched), and exposes window.__bench for
 * scripts/bench.ts, which drives it through page.evaluate.
 *
 * ?parallelCompile=0: WebGPU/WebGL warm-up without the parallel compile-only pass (for comparison).
 * ?mode=app (default): start the app runtime (backend, model fetch, warm-up); "ready" is the
 *   app's cold start. Everything else (warm verification, throughput, enrolment, memory; ours
 *   and the peer) is then measured in this page.
 * ?mode=peer: start the same backend the way the runtime does (wasm paths, setBackend, ready),
 *   build the SigNet peer with random weights and warm it up: the peer's cold start.
 */
export const BENCH_DB = 'countersign-bench';

export type Subject = 'ours' | 'peer';

type Stage = RuntimeProgress['stage'] | 'peer-build' | 'peer-warm-up';

export interface LoadReport {
  mode: 'app' | 'peer';
  requested: BackendName;
  backend: string;
  /** Navigation start (performance.timeOrigin) to ready, ms. */
  ready_ms: number;
  /** ms since navigation start at which each start-up stage began. */
  stages: Partial<Record<Stage, number>>;
  loadMs?: number;
  warmUpMs?: number;
  notes: string[];
  adapter?: unknown;
  wasm?: { simd: boolean | null; threaded: boolean | null; threads: number | null };
  crossOriginIsolated: boolean;
  longTasksObserved: boolean;
  longTasks: { count: number; total_ms: number; max_ms: number };
  /** Longest gap between 10 ms heartbeats during start-up: how long the page was unresponsive at worst. */
  maxHeartbeatGapMs: number;
  heartbeats: number;
  model?: { id: string; version: string; parameters: number };
  peerParameters?: number;
  parallelCompile?: boolean;
  foldedLayers?: number;
}

interface BenchImages {
  questioned: Uint8Array;
  refs: Uint8Array[];
  pool: Uint8Array[];
}

const params = new URLSearchParams(location.search);
const mode: 'app' | 'peer' = params.get('mode') === 'peer' ? 'peer' : 'app';
const requested: BackendName = backendFromUrl(location.search) ?? 'wasm';
const out = document.getElementById('out');
const say = (text: string) => {
  if (out) out.textContent = text;
};

let runtime: Runtime | null = null;
let store: SignatureStore | null = null;
let service: CountersignService | null = null;
let peer: SigNetPeer | null = null;
let images: BenchImages | null = null;
const stages: Partial<Record<Stage, number>> = {};

function need<T>(v: T | null, what: string): T {
  if (v === null) throw new Error(`bench: ${what} is not set up`);
  return v;
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

type BlobInput = Extract<SignatureInput, { kind: 'blob' }>;

function fileInput(bytes: Uint8Array, name: string): BlobInput {
  // The app gets a File from the input / drop / paste; the Blob is made outside the timed part.
  return { kind: 'blob', blob: new Blob([bytes as BlobPart], { type: 'image/png' }), name, source: 'file' };
}

// ---------- the peer, run through the same steps as CountersignService ----------

async function peerPrepare(input: BlobInput): Promise<{ image: Uint8Array; raster: Float32Array }> {
  const p = need(peer, 'peer');
  const pixels = await decodeImageBlob(input.blob, input.name);
  const data = preprocess(pixels, { height: p.inputHeight, width: p.inputWidth }).data;
  const image = quantiseRaster(data);
  return { image, raster: dequantiseRaster(image) };
}

async function peerEmbed(rasters: readonly Float32Array[], batch = 8): Promise<Float32Array[]> {
  const p = need(peer, 'peer');
  const res: Float32Array[] = [];
  for (let i = 0; i < rasters.length; i += batch) {
    const chunk = rasters.slice(i, i + batch) as Float32Array[];
    const x = toInputBatch(chunk, { inputHeight: p.inputHeight, inputWidth: p.inputWidth });
    const e = p.embed(x);
    try {
      const flat = (await e.data()) as Float32Array;
      for (let j = 0; j < chunk.length; j++) res.push(flat.slice(j * p.dim, (j + 1) * p.dim));
    } finally {
      x.dispose();
      e.dispose();
    }
  }
  return res;
}

async function euclideanDistances(a: readonly Float32Array[], b: readonly Float32Array[]): Promise<number[][]> {
  const stack = (rows: readonly Float32Array[]) => {
    const d = rows[0].length;
    const buf = new Float32Array(rows.length * d);
    rows.forEach((r, i) => buf.set(r, i * d));
    return tf.tensor2d(buf, [rows.length, d]);
  };
  const ta = stack(a);
  const tb = stack(b);
  const d = pairwiseDistances({ kind: 'euclidean' }, ta, tb);
  try {
    return (await d.array()) as number[][];
  } finally {
    ta.dispose();
    tb.dispose();
    d.dispose();
  }
}

async function peerEnroll(customerId: string, inputs: BlobInput[]): Promise<void> {
  const s = need(store, 'store');
  const p = need(peer, 'peer');
  await s.assertRoomFor(customerId, inputs.length);
  const prepared = [];
  for (const input of inputs) prepared.push(await peerPrepare(input));
  const embeddings = await peerEmbed(prepared.map((x) => x.raster));
  await s.addReferences(
    customerId,
    prepared.map((x, i) => ({
      image: x.image,
      width: p.inputWidth,
      height: p.inputHeight,
      embedding: embeddings[i],
      modelId: 'signet-peer',
      modelVersion: 'random',
      preprocessVersion: PREPROCESS_VERSION,
      source: 'file' as const,
      label: inputs[i].name,
    })),
  );
}

/** The peer's verification: the same steps as CountersignService.verify with the peer's embedding. */
async function peerVerify(customerId: string, input: BlobInput) {
  const s = need(store, 'store');
  const rt = need(runtime, 'runtime');
  const p = need(peer, 'peer');
  const customer = await s.getCustomer(customerId);
  if (!customer) throw new Error(`no customer ${customerId}`);
  const refs = await s.listActiveReferences(customerId);
  const q = await peerPrepare(input);
  const [e] = await peerEmbed([q.raster]);
  const refEmb = refs.map((r) => r.embedding);
  const [toRefs] = await euclideanDistances([e], refEmb);
  const refMatrix = await euclideanDistances(refEmb, refEmb);
  const result = evaluateVerification(toRefs, refMatrix, rt.card.decision, null, unlikeAmong(refs, refMatrix, rt.card.decision).map((u) => u.position - 1));
  await s.audit.add(auditRecord(customer, result, refs, 'signet-peer', p.inputWidth, p.inputHeight, q.image));
  return result;
}

/** The audit record CountersignService.verify writes for every verification. */
function auditRecord(
  customer: CustomerRecord,
  result: VerificationResult,
  refs: ReferenceRecord[],
  modelId: string,
  width: number,
  height: number,
  thumbnail: Uint8Array,
): NewAuditRecord {
  return {
    time: Date.now(),
    customerId: customer.id,
    customerName: customer.name,
    verdict: result.verdict,
    score: result.score,
    threshold: result.threshold,
    referBand: result.referBand,
    operatingPoint: null,
    distances: result.distances,
    referenceIds: refs.map((r) => r.id),
    modelId,
    modelVersion: 'bench',
    backend: tf.getBackend(),
    channel: 'teller',
    thumbnail,
    width,
    height,
  };
}

// ---------- start-up ----------

async function finishLoad(extra: Partial<LoadReport>): Promise<LoadReport> {
  const ready = performance.now();
  // A long task is reported only after it ends: let the task that reached "ready" finish first.
  await new Promise((r) => setTimeout(r, 0));
  loadObservation.stop();
  const lt = loadObservation.longTasks.filter((t) => t.start <= ready);
  return {
    mode,
    requested,
    backend: tf.getBackend(),
    ready_ms: Math.round(ready * 10) / 10,
    stages: { ...stages },
    notes: [],
    crossOriginIsolated: typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated,
    longTasksObserved: loadObservation.observing,
    longTasks: summarizeLongTasks(lt.map((t) => t.duration)),
    maxHeartbeatGapMs: Math.round(maxGap(loadObservation.beats) * 10) / 10,
    heartbeats: loadObservation.beats.length,
    ...extra,
  };
}

async function startApp(): Promise<LoadReport> {
  const rt = await startRuntime(requested, `${import.meta.env.BASE_URL}models/`, (p) => {
    if (stages[p.stage] === undefined) stages[p.stage] = Math.round(performance.now());
    say(`${requested}: ${p.text}`);
  }, { parallelCompile: params.get('parallelCompile') !== '0', modelId: params.get('model') ?? undefined });
  runtime = rt;
  const report = await finishLoad({
    loadMs: rt.info.loadMs,
    warmUpMs: rt.info.warmUpMs,
    notes: rt.info.notes,
    adapter: rt.info.adapter,
    wasm: { simd: rt.info.wasmSimd, threaded: rt.info.wasmThreaded, threads: rt.info.wasmThreads },
    model: { id: rt.card.id, version: rt.card.version, parameters: rt.card.parameters },
    parallelCompile: rt.info.parallelCompile,
    foldedLayers: rt.info.foldedLayers,
  });
  report.backend = rt.info.backend;
  return report;
}

/** The peer's cold start: the runtime's backend activation (activateBackend), then build + warm-up. */
async function startPeer(): Promise<LoadReport> {
  stages.backend = Math.round(performance.now());
  if (requested === 'wasm') configureWasmPaths();
  const notes: string[] = [];
  const ok = await tf.setBackend(requested);
  if (!ok || tf.getBackend() !== requested) throw new Error(`${requested}: failed to initialise`);
  await tf.ready();
  stages['peer-build'] = Math.round(performance.now());
  peer = buildSigNetPeer();
  stages['peer-warm-up'] = Math.round(performance.now());
  const warm = tf.tidy(() => tf.fill([1, peer!.inputHeight, peer!.inputWidth, 1], 0.5) as tf.Tensor4D);
  const e = peer.embed(warm);
  await e.data();
  e.dispose();
  warm.dispose();
  return await finishLoad({ notes, peerParameters: peer.parameters });
}

// ---------- the API for scripts/bench.ts ----------

const bench = {
  state: 'loading' as 'loading' | 'ready' | 'error',
  error: '',
  load: null as LoadReport | null,

  memory: () => tf.memory(),

  /** Hands the page the image bytes (base64): questioned, 5 references, and a pool for enrolment. */
  setImages(img: { questioned: string; refs: string[]; pool: string[] }): void {
    images = { questioned: fromBase64(img.questioned), refs: img.refs.map(fromBase64), pool: img.pool.map(fromBase64) };
  },

  /** Diagnostic: times the Verifier's steps on a blank raster (embed, distances, one-pass compare). */
  async probe(): Promise<Record<string, number>> {
    const rt = need(runtime, 'runtime');
    const blank = new Float32Array(INPUT_HEIGHT * INPUT_WIDTH);
    for (let i = 0; i < blank.length; i += 7) blank[i] = 1;
    const t: Record<string, number> = {};
    let a = performance.now();
    const [e] = await rt.verifier.embed([blank]);
    t.embed = performance.now() - a;
    const refs = [e, e, e, e, e];
    a = performance.now();
    await rt.verifier.distances([e], refs);
    await rt.verifier.distances(refs, refs);
    t.distances = performance.now() - a;
    a = performance.now();
    await rt.verifier.compare(blank, refs);
    t.compare = performance.now() - a;
    return t;
  },

  /** Diagnostic: where the embedding time goes (layers predict vs the sum of kernel times, tf.profile). */
  async profileEmbed(runs: number): Promise<Record<string, unknown>> {
    const rt = need(runtime, 'runtime');
    const blank = new Float32Array(INPUT_HEIGHT * INPUT_WIDTH);
    for (let i = 0; i < blank.length; i += 7) blank[i] = 1;
    const x = toInputBatch([blank], rt.card.architecture);
    const time = async (fn: () => tf.Tensor) => {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const y = fn();
        await y.data();
        y.dispose();
        ms.push(performance.now() - t0);
      }
      return summarize(ms).p50;
    };
    const execute0 = await time(() => rt.verifier.model.execute(x, rt.verifier.model.outputs[0].name) as tf.Tensor);
    const predict = await time(() => rt.verifier.model.predict(x) as tf.Tensor);
    const execute = await time(() => rt.verifier.model.execute(x, rt.verifier.model.outputs[0].name) as tf.Tensor);
    const predict2 = await time(() => rt.verifier.model.predict(x) as tf.Tensor);
    const prof = await tf.profile(async () => {
      const y = rt.verifier.model.predict(x) as tf.Tensor;
      await y.data();
      y.dispose();
    });
    x.dispose();
    const kernels = prof.kernels.map((k) => ({ name: k.name, ms: Number(k.kernelTimeMs) || 0 }));
    const byName: Record<string, number> = {};
    for (const k of kernels) byName[k.name] = (byName[k.name] ?? 0) + k.ms;
    return { execute_first_p50_ms: execute0, predict_p50_ms: predict, execute_p50_ms: execute, predict_again_p50_ms: predict2, kernels: kernels.length, kernel_ms_sum: kernels.reduce((a, k) => a + k.ms, 0), by_kernel_ms: byName };
  },

  /** Builds the peer on the active backend (app mode) and warms it up; returns the times. */
  async initPeer(): Promise<{ build_ms: number; warm_up_ms: number; parameters: number }> {
    const t0 = performance.now();
    peer ??= buildSigNetPeer();
    const t1 = performance.now();
    await peerEmbed([new Float32Array(peer.inputHeight * peer.inputWidth).fill(0.5)]);
    return { build_ms: t1 - t0, warm_up_ms: performance.now() - t1, parameters: peer.parameters };
  },

  /** Opens a fresh benchmark database and enrolls one customer (5 references) for each subject. */
  async setup(subjects: Subject[]): Promise<{ db: string }> {
    const img = need(images, 'images');
    store?.close();
    await new Promise<void>((resolve, reject) => {
      const r = indexedDB.deleteDatabase(BENCH_DB);
      r.onsuccess = () => resolve();
      r.onerror = () => reject(r.error);
      r.onblocked = () => resolve();
    });
    store = await SignatureStore.open({ name: BENCH_DB });
    service = new CountersignService(need(runtime, 'runtime'), store);
    for (const s of subjects) {
      await store.createCustomer({ id: `${s}-q`, name: `Bench ${s}` });
      const inputs = img.refs.map((b, i) => fileInput(b, `ref-${i + 1}.png`));
      if (s === 'ours') await service.enroll(`${s}-q`, inputs);
      else await peerEnroll(`${s}-q`, inputs);
    }
    return { db: BENCH_DB };
  },

  /** One warm verification of the questioned image against the customer's 5 references, n times. */
  async verify(subject: Subject, n: number): Promise<{ ms: number[]; verdict: string; score: number; distances: number[] }> {
    const img = need(images, 'images');
    const input = fileInput(img.questioned, 'questioned.png');
    const ms: number[] = [];
    let last: { verdict: string; score: number; distances: number[] } = { verdict: '', score: NaN, distances: [] };
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const r = subject === 'ours' ? (await need(service, 'service').verify('ours-q', input)).result : await peerVerify('peer-q', input);
      ms.push(performance.now() - t0);
      last = { verdict: r.verdict, score: r.score, distances: r.distances };
    }
    return { ms, ...last };
  },

  /** Where a verification's time goes: each step timed on its own (p50 over n), same steps as verify(). */
  async breakdown(subject: Subject, n: number): Promise<Record<string, number>> {
    const img = need(images, 'images');
    const s = need(store, 'store');
    const rt = need(runtime, 'runtime');
    const id = `${subject}-q`;
    const blob = new Blob([img.questioned as BlobPart], { type: 'image/png' });
    const h = subject === 'ours' ? INPUT_HEIGHT : need(peer, 'peer').inputHeight;
    const w = subject === 'ours' ? INPUT_WIDTH : need(peer, 'peer').inputWidth;
    const version = subject === 'ours' ? (rt.card.preprocessing.version as PreprocessVersion) : undefined;
    const t: Record<string, number[]> = { store: [], decode: [], preprocess: [], ...(subject === 'ours' ? { pen: [] } : {}), embed: [], distances: [], decision: [], audit: [] };
    // The service measures each stored reference's stroke width once (its cache); the per-verification part is the
    // questioned signature's width against them (penBroadening.ts).
    const refWidths = (await s.listActiveReferences(id)).map((r) => strokeWidthOf(r.image, INPUT_WIDTH, INPUT_HEIGHT, 255));
    for (let i = 0; i < n; i++) {
      let a = performance.now();
      const customer = (await s.getCustomer(id))!;
      const refs = await s.listActiveReferences(id);
      let b = performance.now();
      t.store.push(b - a);
      a = b;
      const pixels = await decodeImageBlob(blob, 'questioned.png');
      b = performance.now();
      t.decode.push(b - a);
      a = b;
      const image = quantiseRaster(preprocess(pixels, { height: h, width: w, version }).data);
      const raster = dequantiseRaster(image);
      b = performance.now();
      t.preprocess.push(b - a);
      a = b;
      if (subject === 'ours') {
        penBroadeningFor(raster, refs.map((r) => r.image), w, h, 255, BROADER_PEN_FACTOR, refWidths);
        b = performance.now();
        t.pen.push(b - a);
        a = b;
      }
      const [e] = subject === 'ours' ? await rt.verifier.embed([raster]) : await peerEmbed([raster]);
      b = performance.now();
      t.embed.push(b - a);
      a = b;
      const refEmb = refs.map((r) => r.embedding);
      const [toRefs] = subject === 'ours' ? await rt.verifier.distances([e], refEmb) : await euclideanDistances([e], refEmb);
      const refMatrix = subject === 'ours' ? await rt.verifier.distances(refEmb, refEmb) : await euclideanDistances(refEmb, refEmb);
      b = performance.now();
      t.distances.push(b - a);
      a = b;
      const result = evaluateVerification(toRefs, refMatrix, rt.card.decision, null, unlikeAmong(refs, refMatrix, rt.card.decision).map((u) => u.position - 1));
      b = performance.now();
      t.decision.push(b - a);
      a = b;
      await s.audit.add(auditRecord(customer, result, refs, subject, w, h, image));
      t.audit.push(performance.now() - a);
    }
    return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, summarize(v).p50]));
  },

  /** Batch embedding: `runs` timed predict calls of `batch` preprocessed images (after one untimed call). */
  async throughput(subject: Subject, batch: number, runs: number): Promise<{ images_per_s: number; ms_per_batch: number[] }> {
    const img = need(images, 'images');
    const rt = need(runtime, 'runtime');
    const h = subject === 'ours' ? INPUT_HEIGHT : need(peer, 'peer').inputHeight;
    const w = subject === 'ours' ? INPUT_WIDTH : need(peer, 'peer').inputWidth;
    const version = subject === 'ours' ? (rt.card.preprocessing.version as PreprocessVersion) : undefined;
    const rasters: Float32Array[] = [];
    for (let i = 0; i < batch; i++) {
      const pixels = await decodeImageBlob(new Blob([img.pool[i % img.pool.length] as BlobPart]), `b${i}.png`);
      rasters.push(dequantiseRaster(quantiseRaster(preprocess(pixels, { height: h, width: w, version }).data)));
    }
    const once = async () => {
      const x = toInputBatch(rasters, { inputHeight: h, inputWidth: w });
      const e = subject === 'ours' ? embedBatch(rt.verifier.model, x, rt.card.architecture) : need(peer, 'peer').embed(x);
      await e.data();
      x.dispose();
      e.dispose();
    };
    await once();
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await once();
      ms.push(performance.now() - t0);
    }
    const total = ms.reduce((a, b) => a + b, 0);
    return { images_per_s: (batch * runs) / (total / 1000), ms_per_batch: ms };
  },

  /** tf.memory() before and after n verifications (after one untimed warm verification). */
  async memoryCheck(subject: Subject, n: number) {
    await bench.verify(subject, 1);
    const before = tf.memory();
    const r = await bench.verify(subject, n);
    const after = tf.memory();
    return { before, after, runs: n, p50_ms: summarize(r.ms).p50 };
  },

  /**
   * Enrolls `customers` new customers with `perCustomer` references each, as the app does:
   * create the customer, then decode + preprocess + embed + one store transaction per customer.
   */
  async enroll(subject: Subject, customers: number, perCustomer: number, prefix: string): Promise<{ seconds: number; customers: number; references: number }> {
    const img = need(images, 'images');
    const s = need(store, 'store');
    const svc = need(service, 'service');
    const t0 = performance.now();
    let k = 0;
    for (let c = 0; c < customers; c++) {
      const id = `${prefix}-${subject}-${String(c).padStart(4, '0')}`;
      await s.createCustomer({ id, name: `Customer ${c}` });
      const inputs: BlobInput[] = [];
      for (let r = 0; r < perCustomer; r++, k++) inputs.push(fileInput(img.pool[k % img.pool.length], `${id}-${r}.png`));
      if (subject === 'ours') await svc.enroll(id, inputs);
      else await peerEnroll(id, inputs);
    }
    return { seconds: (performance.now() - t0) / 1000, customers, references: k };
  },
};

declare global {
  interface Window {
    __bench?: typeof bench;
  }
}
export type BenchApi = typeof bench;

window.__bench = bench;

(mode === 'peer' ? startPeer() : startApp()).then(
  (report) => {
    bench.load = report;
    bench.state = 'ready';
    say(`ready: ${report.backend} in ${report.ready_ms} ms`);
  },
  (err: unknown) => {
    loadObservation.stop();
    bench.error = err instanceof Error ? err.message : String(err);
    bench.state = 'error';
    say(`error: ${bench.error}`);
  },
);
