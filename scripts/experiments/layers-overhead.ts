/**
 * How much of one embedding is the layers API's own work: times model.predict of a (folded)
 * exported model on one image against the same layers run as plain tf ops, on the wasm backend.
 *
 *   npx tsx scripts/experiments/layers-overhead.ts models/countersign-v6 [runs]
 */
import * as tf from '@tensorflow/tfjs';
import { inferenceModel } from '../../src/runtime/foldBatchNorm';
import { loadLayersModelFromDir } from '../../src/training/io/modelFiles';
import { useWasmTrainingBackend } from '../../src/training/kernels/wasmBackend';

const dir = process.argv[2] ?? 'models/countersign-v6';
const runs = Number(process.argv[3] ?? 200);
await useWasmTrainingBackend();
const { model, folded } = await inferenceModel(await loadLayersModelFromDir(dir));

type Layer = tf.layers.Layer & { inboundNodes: { inboundLayers: tf.layers.Layer[] }[] };
function plainForward(x: tf.Tensor4D): tf.Tensor {
  const out = new Map<string, tf.Tensor>();
  for (const l of model.layers as Layer[]) {
    const ins = l.inboundNodes[0]?.inboundLayers.map((p) => out.get(p.name)!) ?? [];
    const c = l.getConfig() as Record<string, unknown>;
    const w = l.getWeights();
    const act = (c.activation as string | undefined) === 'relu' ? 'relu' : 'linear';
    let y: tf.Tensor;
    switch (l.getClassName()) {
      case 'InputLayer': y = x; break;
      case 'Conv2D': y = tf.fused.conv2d({ x: ins[0] as tf.Tensor4D, filter: w[0] as tf.Tensor4D, strides: c.strides as [number, number], pad: 'same', bias: w[1], activation: act }); break;
      case 'MaxPooling2D': y = tf.maxPool(ins[0] as tf.Tensor4D, c.poolSize as [number, number], c.strides as [number, number], 'valid'); break;
      case 'AveragePooling2D': y = tf.avgPool(ins[0] as tf.Tensor4D, c.poolSize as [number, number], c.strides as [number, number], 'valid'); break;
      case 'GlobalAveragePooling2D': y = tf.mean(ins[0], [1, 2]); break;
      case 'GlobalMaxPooling2D': y = tf.max(ins[0], [1, 2]); break;
      case 'Flatten': y = tf.reshape(ins[0], [ins[0].shape[0], -1]); break;
      case 'Concatenate': y = tf.concat(ins, -1); break;
      case 'Dropout': y = ins[0]; break;
      case 'Activation': case 'ReLU': y = tf.relu(ins[0]); break;
      case 'Dense': y = tf.fused.matMul({ a: ins[0] as tf.Tensor2D, b: w[0] as tf.Tensor2D, bias: w[1], activation: act }); break;
      default: throw new Error(`no plain op for ${l.getClassName()}`);
    }
    out.set(l.name, y);
  }
  return out.get(model.layers[model.layers.length - 1].name)!;
}

const x = tf.randomUniform([1, 96, 192, 1]) as tf.Tensor4D;
const time = (f: () => tf.Tensor) => {
  for (let i = 0; i < 10; i++) tf.tidy(() => f().dataSync());
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    tf.tidy(() => f().dataSync());
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[runs >> 1];
};
const a = tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync() as Float32Array);
const b = tf.tidy(() => plainForward(x).dataSync() as Float32Array);
const diff = a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const predictMs = time(() => model.predict(x) as tf.Tensor);
const plainMs = time(() => plainForward(x));
const predictMs2 = time(() => model.predict(x) as tf.Tensor);
console.log(`${dir}: ${model.layers.length} layers (${folded} folded), max |difference| ${diff.toExponential(2)}`);
console.log(`predict p50 ${predictMs.toFixed(2)} / ${predictMs2.toFixed(2)} ms, plain ops p50 ${plainMs.toFixed(2)} ms (backend ${tf.getBackend()}, ${runs} runs)`);
