import { backend_util, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { callKernel, free, reshape, type KernelCtx } from './wasmOps';

type PoolGradArgs = {
  inputs: { dy: TensorInfo; input: TensorInfo; output: TensorInfo };
  backend: unknown;
  attrs: { filterSize: number | [number, number]; strides: number | [number, number]; pad: 'valid' | 'same' | number; dimRoundingMode?: 'floor' | 'round' | 'ceil' };
};

/**
 * MaxPoolGrad for non-overlapping windows that tile the input exactly (the network's 2x2, stride
 * 2 pools): dx = (x == upsampled y) * upsampled dy, with XNNPACK's broadcasting multiply as the
 * upsampling. The backend's own kernel is a scalar loop, five times slower.
 *
 * Ties: where a window holds its maximum more than once, every copy gets the gradient, where the
 * cpu backend gives it to the first. In this network the pools follow a ReLU, so ties are windows
 * of zeros, whose gradient the ReLU then drops (its input there is negative); exact ties of a
 * positive value are vanishingly rare. Other pools: the backend's own kernel.
 */
export function makeMaxPoolGrad(original: KernelFunc) {
  return (args: PoolGradArgs): TensorInfo => {
    const { dy, input, output } = args.inputs;
    const { filterSize, strides, pad, dimRoundingMode } = args.attrs;
    const info = backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
    const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, inHeight: h, inWidth: w, outHeight: ho, outWidth: wo, batchSize: n, inChannels: c } = info;
    const p = info.padInfo;
    const tiles = kh === sh && kw === sw && ho * kh === h && wo * kw === w && p.top === 0 && p.left === 0 && p.bottom === 0 && p.right === 0;
    if (!tiles || kh * kw < 2 || input.dtype !== 'float32' || info.dataFormat !== 'channelsLast') return original(args as never) as TensorInfo;
    const ctx = { backend: args.backend } as KernelCtx;
    const ones = callKernel('Fill', ctx, {}, { shape: [1, 1, kh, 1, kw, 1], value: 1, dtype: 'float32' });
    const up = (t: TensorInfo) => {
      const t6 = reshape(ctx, t, [n, ho, 1, wo, 1, c]);
      const big = callKernel('Multiply', ctx, { a: t6, b: ones });
      const out = reshape(ctx, big, [n, h, w, c]);
      free(ctx, t6, big);
      return out;
    };
    const yUp = up(output);
    const isMax = callKernel('Equal', ctx, { a: input, b: yUp });
    const mask = callKernel('Cast', ctx, { x: isMax }, { dtype: 'float32' });
    const dyUp = up(dy);
    const dx = callKernel('Multiply', ctx, { a: mask, b: dyUp });
    free(ctx, ones, yUp, isMax, mask, dyUp);
    return dx;
  };
}
