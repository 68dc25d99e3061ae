import * as tf from '@tensorflow/tfjs';

/** How a model's weights are stored in weights.bin (in memory they are always float32). */
export type WeightStorage = 'float32' | 'uint8';
export const WEIGHT_STORAGES: readonly WeightStorage[] = ['float32', 'uint8'];

/** Tensors smaller than this stay float32: biases and batch-norm statistics are few bytes, and a
 * batch-norm variance quantised toward 0 would blow up its layer. */
export const MIN_QUANTIZED_SIZE = 1024;

/**
 * Quantises the float32 tensors of saved weights with at least `minSize` values to uint8, per
 * tensor and affine: v ~ q * scale + min, q in 0..255, the format tfjs's loaders decode
 * (WeightsManifestEntry.quantization). Each value moves by at most scale / 2. Pure: returns new
 * specs and a new buffer in the same tensor order.
 */
export function quantizeUint8(
  specs: readonly tf.io.WeightsManifestEntry[],
  data: ArrayBuffer,
  minSize = MIN_QUANTIZED_SIZE,
): { specs: tf.io.WeightsManifestEntry[]; data: ArrayBuffer } {
  const parts: ArrayBuffer[] = [];
  const out: tf.io.WeightsManifestEntry[] = [];
  let offset = 0;
  for (const spec of specs) {
    if (spec.quantization) throw new Error(`weight ${spec.name} is already quantised (${spec.quantization.dtype})`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const bytes = size * 4;
    if (spec.dtype !== 'float32' || size < minSize) {
      parts.push(data.slice(offset, offset + bytes));
      out.push({ ...spec });
    } else {
      const values = new Float32Array(data.slice(offset, offset + bytes));
      let min = Infinity;
      let max = -Infinity;
      for (const v of values) {
        if (!Number.isFinite(v)) throw new Error(`weight ${spec.name} holds ${v}`);
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const scale = max > min ? (max - min) / 255 : 1;
      const q = new Uint8Array(size);
      for (let i = 0; i < size; i++) q[i] = Math.min(255, Math.max(0, Math.round((values[i] - min) / scale)));
      parts.push(q.buffer);
      out.push({ ...spec, quantization: { dtype: 'uint8', min, scale } });
    }
    offset += bytes;
  }
  if (offset !== data.byteLength) throw new Error(`weights.bin has ${data.byteLength} bytes, the specs describe ${offset}`);
  return { specs: out, data: tf.io.concatenateArrayBuffers(parts) };
}
