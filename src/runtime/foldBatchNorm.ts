import * as tf from '@tensorflow/tfjs';

/**
 * Inference-only rewrite of a loaded layers model: every Conv2D whose output feeds only a
 * BatchNormalization (optionally followed by a ReLU that only it feeds) becomes one Conv2D with
 * a bias and a fused ReLU, the normalisation folded into its kernel and bias:
 *
 *   scale = gamma / sqrt(movingVariance + epsilon)
 *   kernel' = kernel * scale (per output channel),  bias' = (bias - movingMean) * scale + beta
 *
 * In inference mode BN is exactly this per-channel affine map, so the outputs are the same up to
 * float rounding, and the backend runs one fused conv (XNNPACK / one shader) instead of conv, BN
 * and ReLU passes over every activation. The model files, training and the model definition are
 * untouched: this only changes how the runtime executes the loaded weights.
 */

interface LayerJson {
  class_name: string;
  name?: string;
  config: Record<string, unknown> & { name: string };
  inbound_nodes: unknown[];
}

interface ModelJson {
  class_name: string;
  config: { name: string; layers: LayerJson[]; input_layers: unknown; output_layers: [string, number, number][] };
  [k: string]: unknown;
}

export interface FoldPlan {
  /** conv layer name -> the BN (and ReLU) layers folded into it. */
  folds: { conv: string; bn: string; relu: string | null }[];
}

/** Names of the layers feeding `layer` (first node only; shared layers are not folded). */
function inboundNames(layer: LayerJson): string[] {
  const nodes = layer.inbound_nodes as unknown[][];
  if (!Array.isArray(nodes) || nodes.length === 0) return [];
  const first = nodes[0] as unknown[];
  return first.map((n) => (Array.isArray(n) ? String(n[0]) : String((n as { args?: unknown })?.args ?? ''))).filter(Boolean);
}

function isRelu(layer: LayerJson): boolean {
  const c = layer.config;
  if (layer.class_name === 'ReLU') return c.max_value == null && !c.negative_slope && !c.threshold;
  return layer.class_name === 'Activation' && c.activation === 'relu';
}

/** Finds the conv -> BN [-> ReLU] chains that can be folded (pure; exported for tests). */
export function planFolds(topology: ModelJson): FoldPlan {
  const layers = topology.config.layers;
  const consumers = new Map<string, string[]>();
  for (const l of layers) {
    if (l.inbound_nodes.length > 1) continue;
    for (const src of inboundNames(l)) consumers.set(src, [...(consumers.get(src) ?? []), l.config.name]);
  }
  const byName = new Map(layers.map((l) => [l.config.name, l]));
  const outputs = new Set(topology.config.output_layers.map((o) => o[0]));
  const folds: FoldPlan['folds'] = [];
  for (const conv of layers) {
    if (conv.class_name !== 'Conv2D' || conv.inbound_nodes.length !== 1) continue;
    const act = conv.config.activation;
    if (act !== undefined && act !== null && act !== 'linear') continue;
    if (conv.config.data_format !== undefined && conv.config.data_format !== 'channels_last') continue;
    const next = consumers.get(conv.config.name) ?? [];
    if (next.length !== 1 || outputs.has(conv.config.name)) continue;
    const bn = byName.get(next[0]);
    if (!bn || bn.class_name !== 'BatchNormalization' || bn.inbound_nodes.length !== 1) continue;
    const axis = bn.config.axis;
    if (!(axis === -1 || axis === 3 || (Array.isArray(axis) && axis.length === 1 && (axis[0] === -1 || axis[0] === 3)))) continue;
    const after = consumers.get(bn.config.name) ?? [];
    const relu = after.length === 1 && !outputs.has(bn.config.name) ? byName.get(after[0]) : undefined;
    folds.push({ conv: conv.config.name, bn: bn.config.name, relu: relu && isRelu(relu) && relu.inbound_nodes.length === 1 ? relu.config.name : null });
  }
  return { folds };
}

/** The topology with the planned layers folded: BN/ReLU layers removed and their consumers rewired. */
export function foldTopology(topology: ModelJson, plan: FoldPlan): ModelJson {
  const rename = new Map<string, string>();
  const drop = new Set<string>();
  const fused = new Map<string, boolean>();
  for (const f of plan.folds) {
    drop.add(f.bn);
    rename.set(f.bn, f.conv);
    fused.set(f.conv, f.relu !== null);
    if (f.relu) {
      drop.add(f.relu);
      rename.set(f.relu, f.conv);
    }
  }
  const rewire = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      if (typeof v[0] === 'string' && rename.has(v[0])) return [rename.get(v[0]), ...v.slice(1).map(rewire)];
      return v.map(rewire);
    }
    return v;
  };
  const layers = topology.config.layers
    .filter((l) => !drop.has(l.config.name))
    .map((l) => {
      const out: LayerJson = { ...l, config: { ...l.config }, inbound_nodes: rewire(l.inbound_nodes) as unknown[] };
      if (fused.has(l.config.name)) {
        out.config.use_bias = true;
        out.config.activation = fused.get(l.config.name) ? 'relu' : 'linear';
        out.config.bias_initializer = { class_name: 'Zeros', config: {} };
      }
      return out;
    });
  return {
    ...topology,
    config: { ...topology.config, layers, output_layers: rewire(topology.config.output_layers) as [string, number, number][] },
  };
}

/** A layer's weight by its Keras name (kernel, bias, gamma, beta, moving_mean, moving_variance). */
function weightByName(layer: tf.layers.Layer, suffix: string): tf.Tensor | null {
  const i = layer.weights.findIndex((w) => w.originalName === suffix || w.originalName.endsWith(`/${suffix}`));
  return i < 0 ? null : layer.getWeights()[i];
}

/**
 * Returns a folded copy of `model` (new weights; the original is left as it is), or null when
 * there is nothing to fold or the topology is not one this understands.
 */
export async function foldBatchNorm(model: tf.LayersModel): Promise<tf.LayersModel | null> {
  const topology = model.toJSON(undefined, false) as unknown as ModelJson;
  if (!topology?.config?.layers) return null;
  const plan = planFolds(topology);
  if (plan.folds.length === 0) return null;
  const target = await tf.models.modelFromJSON({ modelTopology: foldTopology(topology, plan) as unknown as tf.io.ModelJSON['modelTopology'] } as tf.io.ModelJSON);
  const foldOf = new Map(plan.folds.map((f) => [f.conv, f]));
  try {
    for (const layer of target.layers) {
      const src = model.getLayer(layer.name);
      const f = foldOf.get(layer.name);
      if (!f) {
        if (layer.weights.length) layer.setWeights(src.getWeights());
        continue;
      }
      const bn = model.getLayer(f.bn);
      const eps = Number((bn.getConfig() as { epsilon?: number }).epsilon ?? 1e-3);
      const [kernel, bias] = tf.tidy(() => {
        const k = weightByName(src, 'kernel');
        if (!k) throw new Error(`${src.name} has no kernel`);
        const outC = k.shape[3] as number;
        const gamma = weightByName(bn, 'gamma') ?? tf.ones([outC]);
        const beta = weightByName(bn, 'beta') ?? tf.zeros([outC]);
        const mean = weightByName(bn, 'moving_mean');
        const variance = weightByName(bn, 'moving_variance');
        if (!mean || !variance) throw new Error(`${bn.name} has no moving statistics`);
        const scale = tf.div(gamma, tf.sqrt(tf.add(variance, eps)));
        const b0 = weightByName(src, 'bias') ?? tf.zeros([outC]);
        return [tf.mul(k, scale), tf.add(tf.mul(tf.sub(b0, mean), scale), beta)];
      });
      layer.setWeights([kernel, bias]);
      kernel.dispose();
      bias.dispose();
    }
  } catch (err) {
    target.dispose();
    throw err;
  }
  return target;
}

/**
 * The model the runtime runs: `model` with batch normalisation folded, when there is any. On the
 * CPU-side backends (wasm, cpu), where a check costs a few ms, the folded model is first checked
 * against the loaded one on a fixed input; on WebGPU/WebGL the check would compile every shader of
 * the unfolded graph too, so there the unit-tested arithmetic is trusted. Disposes whichever
 * model is not returned.
 */
export async function inferenceModel(model: tf.LayersModel): Promise<{ model: tf.LayersModel; folded: number; note?: string }> {
  let folded: tf.LayersModel | null;
  try {
    folded = await foldBatchNorm(model);
  } catch (err) {
    return { model, folded: 0, note: `batch-norm folding skipped: ${(err as Error)?.message ?? err}` };
  }
  if (!folded) return { model, folded: 0 };
  const count = model.layers.length - folded.layers.length;
  if (tf.getBackend() === 'wasm' || tf.getBackend() === 'cpu') {
    const shape = model.inputs[0].shape.map((d) => d ?? 1);
    const [diff, scale] = tf.tidy(() => {
      const x = tf.mod(tf.range(0, shape.reduce((a, b) => a * b, 1)), 7).div(6).reshape(shape);
      const a = model.predict(x) as tf.Tensor;
      const b = folded!.predict(x) as tf.Tensor;
      return [tf.max(tf.abs(tf.sub(a, b))), tf.max(tf.abs(a))];
    });
    const d = (await diff.data())[0];
    const s = (await scale.data())[0];
    tf.dispose([diff, scale]);
    if (!(d <= 1e-4 * Math.max(1, s))) {
      folded.dispose();
      return { model, folded: 0, note: `batch-norm folding changed the output by ${d}; the model runs as loaded` };
    }
  }
  model.dispose();
  return { model: folded, folded: count };
}
