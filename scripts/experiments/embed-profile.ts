/**
 * Where one embedding's time goes on the wasm backend in Node (one thread): the wall time of
 * predict for a single 96x192 image, and tf.profile's kernel times by kernel, for the shipped model
 * and an exported ensemble (batch normalisation folded as in the app).
 *   npx tsx scripts/experiments/embed-profile.ts [DIR ...]   (default: models/countersign-v6 runs/pair)
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { loadLayersModelFromDir } from '../../src/training/io/modelFiles';
import { inferenceModel } from '../../src/runtime/foldBatchNorm';
await tf.setBackend('wasm'); await tf.ready();
for (const dir of process.argv.length > 2 ? process.argv.slice(2) : ['models/countersign-v6', 'runs/pair']) {
  const { model } = await inferenceModel(await loadLayersModelFromDir(dir));
  const x = tf.randomUniform([1, 96, 192, 1]);
  for (let i = 0; i < 20; i++) tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync());
  const t = performance.now();
  const N = 100;
  for (let i = 0; i < N; i++) tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync());
  const wall = (performance.now() - t) / N;
  const prof = await tf.profile(() => tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync()));
  const byK: Record<string, number> = {};
  let sum = 0;
  // tf.profile lists each op's wrapper (name__op) beside the kernel it runs: count the kernels only.
  for (const k of prof.kernels.filter((k) => !k.name.endsWith('__op'))) {
    const ms = k.kernelTimeMs as number;
    byK[k.name] = (byK[k.name] ?? 0) + ms;
    sum += ms;
  }
  console.log(dir, 'layers', model.layers.length, 'wall', wall.toFixed(2), 'kernels', prof.kernels.length, 'kernel sum', sum.toFixed(2));
  console.log('  ', Object.entries(byK).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', '));
}
