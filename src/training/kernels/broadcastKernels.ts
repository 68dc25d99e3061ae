import { backend_util, util, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { callKernel, free, reshape, type KernelCtx } from './wasmOps';

/** x broadcast to `shape` by XNNPACK's broadcasting multiply with ones (float32 only). */
function broadcastTo(ctx: KernelCtx, x: TensorInfo, shape: number[]): TensorInfo {
  const ones = callKernel('Fill', ctx, {}, { shape, value: 1, dtype: 'float32' });
  const out = callKernel('Multiply', ctx, { a: x, b: ones });
  free(ctx, ones);
  return out;
}

/**
 * Tile as a broadcast multiply with ones (the backend's own Tile is slow). An axis of size 1 is
 * repeated by broadcasting it; another axis gets an extra dimension of the repeat count in front.
 * Batch-norm gradients tile a [1, 1, 1, C] vector to [N, H, W, 1]: 4 dimensions, no extra ones.
 */
export function makeTile(original: KernelFunc) {
  return (args: { inputs: { x: TensorInfo }; backend: unknown; attrs: { reps: number[] } }): TensorInfo => {
    const ctx = { backend: args.backend } as KernelCtx;
    const { x } = args.inputs;
    const { reps } = args.attrs;
    if (x.dtype !== 'float32' || reps.length !== x.shape.length) return original(args as never) as TensorInfo;
    // x [d0..dk] -> [(1,) d0, (1,) d1, ...] * ones [(r0,) 1 | r0, ...] -> reshape [r0*d0, ...].
    const xShape: number[] = [];
    const onesShape: number[] = [];
    x.shape.forEach((d, i) => {
      if (reps[i] === 1) {
        xShape.push(d);
        onesShape.push(1);
      } else if (d === 1) {
        xShape.push(1);
        onesShape.push(reps[i]);
      } else {
        xShape.push(1, d);
        onesShape.push(reps[i], 1);
      }
    });
    // XNNPACK broadcasts at most 6 dimensions.
    if (xShape.length > 6) return original(args as never) as TensorInfo;
    const xr = reshape(ctx, x, xShape);
    const prod = broadcastTo(ctx, xr, onesShape.map((r, i) => r * xShape[i]));
    const out = reshape(ctx, prod, x.shape.map((d, i) => d * reps[i]));
    free(ctx, xr, prod);
    return out;
  };
}

/**
 * A comparison (Equal) of float32 tensors of different shapes: both are first broadcast to the
 * output shape, so the backend runs its fast same-shape loop instead of its slow broadcasting one
 * (the gradient of a global max pool compares [N, H, W, C] with [N, 1, 1, C]).
 */
export function makeBroadcastComparison(original: KernelFunc) {
  return (args: { inputs: { a: TensorInfo; b: TensorInfo }; backend: unknown; attrs?: unknown }): TensorInfo => {
    const { a, b } = args.inputs;
    if (util.arraysEqual(a.shape, b.shape) || a.dtype !== 'float32' || b.dtype !== 'float32' || Math.max(a.shape.length, b.shape.length) > 6) return original(args as never) as TensorInfo;
    const ctx = { backend: args.backend } as KernelCtx;
    const shape = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const full = (t: TensorInfo) => (util.arraysEqual(t.shape, shape) ? null : broadcastTo(ctx, t, shape));
    const fa = full(a);
    const fb = full(b);
    const out = original({ ...args, inputs: { a: fa ?? a, b: fb ?? b } } as never) as TensorInfo;
    free(ctx, ...[fa, fb].filter((t): t is TensorInfo => t !== null));
    return out;
  };
}
