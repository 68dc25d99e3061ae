import * as tf from '@tensorflow/tfjs';
import { pairwiseDistances } from '../model/distanceHead';
import { embedBatch, toInputBatch } from '../model/embed';
import type { ModelCard } from '../model/modelCard';

/** Embeddings per predict call. */
const BATCH = 8;

/**
 * The model on the active backend: embeddings and distances. Every tensor is disposed before a
 * method returns; results are plain arrays.
 */
export class Verifier {
  constructor(
    readonly model: tf.LayersModel,
    readonly card: ModelCard,
  ) {}

  get dim(): number {
    return this.card.architecture.embeddingDim;
  }

  /** Embeds preprocessed rasters (INPUT_HEIGHT x INPUT_WIDTH each). */
  async embed(rasters: readonly Float32Array[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < rasters.length; i += BATCH) {
      const chunk = rasters.slice(i, i + BATCH);
      const x = toInputBatch(chunk as Float32Array[], this.card.architecture);
      let e: tf.Tensor2D | undefined;
      try {
        e = embedBatch(this.model, x, this.card.architecture);
        const d = e.shape[1];
        const flat = (await e.data()) as Float32Array;
        for (let j = 0; j < chunk.length; j++) out.push(flat.slice(j * d, (j + 1) * d));
      } finally {
        x.dispose();
        e?.dispose();
      }
    }
    return out;
  }

  /** Distances between every embedding of `a` and every embedding of `b` (rows: a). */
  async distances(a: readonly Float32Array[], b: readonly Float32Array[]): Promise<number[][]> {
    if (a.length === 0 || b.length === 0) return a.map(() => []);
    const ta = stack(a);
    const tb = stack(b);
    let d: tf.Tensor2D | undefined;
    try {
      d = pairwiseDistances(this.card.distanceHead, ta, tb);
      return (await d.array()) as number[][];
    } finally {
      ta.dispose();
      tb.dispose();
      d?.dispose();
    }
  }

  /**
   * One verification's tensor work in a single pass on the device: embeds the questioned raster
   * and returns its distances to the references and the reference-to-reference matrix, with one
   * upload of the references and one read-back (instead of embed + 2 x distances, 3 read-backs:
   * on a GPU each read-back is a full round trip). Same distance head, same values.
   */
  async compare(raster: Float32Array, refs: readonly Float32Array[]): Promise<{ toRefs: number[]; refMatrix: number[][] }> {
    const n = refs.length;
    if (n === 0) return { toRefs: [], refMatrix: [] };
    const x = toInputBatch([raster], this.card.architecture);
    const r = stack(refs);
    let d: tf.Tensor2D | undefined;
    try {
      d = this.compareGraph(x, r);
      const flat = (await d.data()) as Float32Array;
      const row = (i: number) => Array.from(flat.subarray(i * n, (i + 1) * n));
      return { toRefs: row(0), refMatrix: Array.from({ length: n }, (_, i) => row(i + 1)) };
    } finally {
      x.dispose();
      r.dispose();
      d?.dispose();
    }
  }

  /** [1 + N, N]: row 0 the questioned embedding's distances to the N references, then the N x N matrix. */
  private compareGraph(x: tf.Tensor4D, refs: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const e = embedBatch(this.model, x, this.card.architecture);
      return pairwiseDistances(this.card.distanceHead, tf.concat([e, refs], 0), refs);
    });
  }

  /**
   * Runs the whole graph once, with the shapes a verification uses (one image, 5 references), so
   * kernels/shaders are compiled before the first real request. On WebGPU and WebGL the shaders
   * are first compiled in parallel, off the main thread (tfjs's compile-only mode: the graph is
   * recorded without running, WebGPU compiles with createComputePipelineAsync, WebGL with
   * KHR_parallel_shader_compile), so the page stays responsive; the real run then only executes.
   */
  async warmUp(opts: { parallelCompile?: boolean } = {}): Promise<{ parallelCompile: boolean }> {
    const { inputHeight, inputWidth } = this.card.architecture;
    const blank = new Float32Array(inputHeight * inputWidth);
    for (let i = 0; i < blank.length; i += 7) blank[i] = 1;
    const parallel = opts.parallelCompile !== false && (await this.compileInParallel(blank, WARM_UP_REFERENCES));
    const [e] = await this.embed([blank]);
    await this.compare(blank, Array.from({ length: WARM_UP_REFERENCES }, () => e));
    return { parallelCompile: parallel };
  }

  /** WebGPU / WebGL: compiles the compare graph's shaders in parallel without running it. */
  private async compileInParallel(blank: Float32Array, refs: number): Promise<boolean> {
    const name = tf.getBackend();
    const flag = name === 'webgpu' ? 'WEBGPU_ENGINE_COMPILE_ONLY' : name === 'webgl' ? 'ENGINE_COMPILE_ONLY' : null;
    const backend = tf.backend() as unknown as { checkCompileCompletionAsync?: () => Promise<unknown>; getUniformLocations?: () => void };
    if (!flag || typeof backend.checkCompileCompletionAsync !== 'function') return false;
    if (name === 'webgl' && !(tf.backend() as unknown as { gpgpu?: { parallelCompilationExtension?: unknown } }).gpgpu?.parallelCompilationExtension) {
      return false; // without KHR_parallel_shader_compile the compile would block just the same
    }
    const x = toInputBatch([blank], this.card.architecture);
    const r = tf.zeros([refs, this.dim]) as tf.Tensor2D;
    tf.env().set(flag, true);
    try {
      this.compareGraph(x, r).dispose();
    } finally {
      tf.env().set(flag, false);
      x.dispose();
      r.dispose();
    }
    await backend.checkCompileCompletionAsync();
    if (name === 'webgl') backend.getUniformLocations?.();
    return true;
  }
}

/** References a customer usually has (MAX_REFERENCES): the shape the warm-up compiles for. */
const WARM_UP_REFERENCES = 5;

function stack(rows: readonly Float32Array[]): tf.Tensor2D {
  const d = rows[0].length;
  const buf = new Float32Array(rows.length * d);
  rows.forEach((r, i) => {
    if (r.length !== d) throw new RangeError(`embedding ${i} has ${r.length} values, expected ${d}`);
    buf.set(r, i * d);
  });
  return tf.tensor2d(buf, [rows.length, d]);
}
