import * as tf from '@tensorflow/tfjs';

/**
 * Recomputes every BatchNormalization layer's moving mean and variance from clean images, layer
 * by layer in network order (each layer sees inputs normalised by the already-fixed layers
 * before it). tfjs's moving averages lag behind the weights during training (data/README.md);
 * these exact statistics are what inference should use.
 */
export function recalibrateBatchNorm(model: tf.LayersModel, images: Float32Array, n: number, batch = 64): void {
  const [, h, w, c] = model.inputs[0].shape as number[];
  const hw = h * w * c;
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'BatchNormalization') continue;
    const sub = tf.model({ inputs: model.inputs, outputs: layer.input as tf.SymbolicTensor });
    let sum: tf.Tensor | null = null;
    let sumSq: tf.Tensor | null = null;
    let count = 0;
    for (let s = 0; s < n; s += batch) {
      const m = Math.min(batch, n - s);
      const [a, b] = tf.tidy(() => {
        const x = tf.tensor4d(images.subarray(s * hw, (s + m) * hw), [m, h, w, c]);
        const y = sub.predict(x) as tf.Tensor4D;
        return [tf.sum(y, [0, 1, 2]), tf.sum(tf.square(y), [0, 1, 2])];
      });
      count += m * (sub.outputs[0].shape[1] as number) * (sub.outputs[0].shape[2] as number);
      const ns: tf.Tensor = sum ? tf.add(sum, a) : a.clone();
      const nq: tf.Tensor = sumSq ? tf.add(sumSq, b) : b.clone();
      tf.dispose([sum, sumSq, a, b].filter((t): t is tf.Tensor => t !== null));
      sum = ns;
      sumSq = nq;
    }
    const [gamma, beta] = layer.getWeights();
    const mean = tf.div(sum!, count);
    const variance = tf.relu(tf.sub(tf.div(sumSq!, count), tf.square(mean)));
    layer.setWeights([gamma, beta, mean, variance]);
    tf.dispose([sum!, sumSq!, mean, variance]);
  }
}
