import { util, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { callKernel, free, reshape, type KernelCtx } from './wasmOps';

type ReduceArgs = { inputs: { x: TensorInfo }; backend: unknown; attrs: { axis: number | number[]; keepDims: boolean } };

/**
 * Sum and Mean over leading axes (batch-norm statistics and their gradients reduce [N, H, W, C]
 * over N, H, W) as one XNNPACK average pooling whose window covers those axes. The wasm backend's
 * own kernels transpose the reduced axes to the end first, which costs ten times the reduction;
 * a matrix product with ones would be no better, since the backend packs its right operand (here
 * the large one) on every call. Other axes and dtypes: the backend's own kernel.
 */
function makeLeadingReduction(original: KernelFunc, mean: boolean) {
  return (args: ReduceArgs): TensorInfo => {
    const { x } = args.inputs;
    const { axis, keepDims } = args.attrs;
    const rank = x.shape.length;
    const axes = util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const leading = axes.length > 0 && axes.length < rank && axes.every((a, i) => a === i);
    if (!leading || x.dtype !== 'float32') return original(args as never) as TensorInfo;
    const m = util.sizeFromShape(x.shape.slice(0, axes.length));
    const rest = x.shape.slice(axes.length);
    const c = util.sizeFromShape(rest);
    // XNNPACK pools windows of at least two elements.
    if (m < 2 || c === 0) return original(args as never) as TensorInfo;
    const ctx = { backend: args.backend } as KernelCtx;
    const b = x.shape[axes.length - 1];
    const a = m / b;
    const x4 = reshape(ctx, x, [1, a, b, c]);
    const pooled = callKernel('AvgPool', ctx, { x: x4 }, { filterSize: [a, b], strides: [a, b], pad: 'valid' });
    const temps = [x4, pooled];
    let result = pooled;
    if (!mean) {
      const count = callKernel('Fill', ctx, {}, { shape: [], value: m, dtype: 'float32' });
      result = callKernel('Multiply', ctx, { a: pooled, b: count });
      temps.push(count, result);
    }
    const out = reshape(ctx, result, keepDims ? [...axes.map(() => 1), ...rest] : rest);
    free(ctx, ...temps);
    return out;
  };
}

export const makeSum = (original: KernelFunc) => makeLeadingReduction(original, false);
export const makeMean = (original: KernelFunc) => makeLeadingReduction(original, true);
