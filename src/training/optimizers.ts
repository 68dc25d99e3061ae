import * as tf from '@tensorflow/tfjs';
import type { Network } from './network';

/**
 * Adam for the network, and a second Adam for the proxies of the proxy term with its own, higher
 * learning rate (proxies start random and must keep up with the embedding; the usual remedy).
 * Without proxies this is exactly one Adam over every variable, as before.
 */
export class Optimizers {
  private readonly main: tf.AdamOptimizer;
  private readonly proxies: tf.AdamOptimizer | null;

  constructor(
    private readonly net: Network,
    lr: number,
    private readonly proxyFactor = 1,
  ) {
    this.main = tf.train.adam(lr);
    this.proxies = net.head.proxies ? tf.train.adam(lr * proxyFactor) : null;
  }

  /** One step with the given learning rate (the proxies' is proxyFactor times it); grads in variable order. */
  apply(grads: Float32Array[], lr: number): void {
    (this.main as unknown as { learningRate: number }).learningRate = lr;
    const named = this.net.vars.map((v, i) => ({ name: v.name, tensor: tf.tensor(grads[i], v.shape) }));
    tf.tidy(() => {
      this.main.applyGradients(named.slice(0, this.net.carried));
      if (this.proxies) {
        (this.proxies as unknown as { learningRate: number }).learningRate = lr * this.proxyFactor;
        this.proxies.applyGradients(named.slice(this.net.carried));
      }
    });
    tf.dispose(named.map((n) => n.tensor));
  }

  /** Adam's state (both optimizers' in turn), for checkpoints. */
  async state(): Promise<{ name: string; tensor: tf.Tensor }[]> {
    return [...(await this.main.getWeights()), ...(this.proxies ? await this.proxies.getWeights() : [])];
  }

  /** Restores a checkpoint's Adam state (one zero step creates the slot variables first). */
  async restore(arrays: Float32Array[]): Promise<void> {
    this.apply(this.net.vars.map((v) => new Float32Array(v.size)), 0);
    const mainSlots = await this.main.getWeights();
    const proxySlots = this.proxies ? await this.proxies.getWeights() : [];
    if (arrays.length !== mainSlots.length + proxySlots.length) throw new Error(`checkpoint holds ${arrays.length} optimizer arrays, expected ${mainSlots.length + proxySlots.length}`);
    await this.main.setWeights(mainSlots.map((s, i) => ({ name: s.name, tensor: tf.tensor(arrays[i], s.tensor.shape) })));
    if (this.proxies) await this.proxies.setWeights(proxySlots.map((s, i) => ({ name: s.name, tensor: tf.tensor(arrays[mainSlots.length + i], s.tensor.shape) })));
  }
}
