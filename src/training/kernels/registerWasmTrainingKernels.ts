import {
  backend_util,
  getKernel,
  registerKernel,
  unregisterKernel,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { makeBroadcastComparison, makeTile } from './broadcastKernels';
import { makeMaxPoolGrad } from './poolKernels';
import { makeMean, makeSum } from './reductionKernels';
import { callKernel, free, reshape, transpose, type KernelCtx } from './wasmOps';

type Pad = 'valid' | 'same' | number | backend_util.ExplicitPadding;

/**
 * dW = conv2d(x^T, dy^T): the filter gradient as one XNNPACK convolution, with the batch as
 * channels and the input channels as batch; the forward stride becomes the dilation.
 * Missing from the wasm backend in tfjs 4.22.
 */
export function conv2dBackpropFilter(args: { inputs: { x: TensorInfo; dy: TensorInfo }; backend: unknown; attrs: Record<string, unknown> }): TensorInfo {
  const ctx = { backend: args.backend } as KernelCtx;
  const { x, dy } = args.inputs;
  const { strides, pad, dimRoundingMode, filterShape, dataFormat } = args.attrs as {
    strides: [number, number] | number;
    pad: Pad;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    filterShape: [number, number, number, number];
    dataFormat?: string;
  };
  if (dataFormat && dataFormat !== 'NHWC') throw new Error('Conv2DBackpropFilter (wasm): only NHWC');
  const info = backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode);
  const [n, h, w, ci] = x.shape;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, outHeight: ho, outWidth: wo, outChannels: co } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  let bottom = kh + (ho - 1) * sh - h - top;
  let right = kw + (wo - 1) * sw - w - left;
  let xUse = x;
  const temps: TensorInfo[] = [];
  if (bottom < 0 || right < 0) {
    // Rows/columns the forward pass never read: drop them instead of padding negatively.
    xUse = callKernel('Slice', ctx, { x }, { begin: [0, 0, 0, 0], size: [n, h + Math.min(0, bottom), w + Math.min(0, right), ci] });
    temps.push(xUse);
    bottom = Math.max(0, bottom);
    right = Math.max(0, right);
  }
  const xt = transpose(ctx, xUse, [3, 1, 2, 0]); // [ci, h, w, n]
  const dyt = transpose(ctx, dy, [1, 2, 0, 3]); // [ho, wo, n, co]
  const out = callKernel('Conv2D', ctx, { x: xt, filter: dyt }, {
    strides: [1, 1],
    pad: [[0, 0], [top, bottom], [left, right], [0, 0]],
    dataFormat: 'NHWC',
    dilations: [sh, sw],
  }); // [ci, kh, kw, co]
  const dw = transpose(ctx, out, [1, 2, 0, 3]);
  free(ctx, xt, dyt, out, ...temps);
  if (dw.shape.join() !== [kh, kw, ci, co].join()) throw new Error(`Conv2DBackpropFilter (wasm): got ${dw.shape}, expected ${[kh, kw, ci, co]}`);
  return dw;
}

/**
 * dX for stride-1 convolutions: a plain conv2d of dy with the 180-degree-rotated filter whose
 * in/out channels are swapped. Strided ones: stridedBackpropInput.
 */
function makeConv2dBackpropInput(original: KernelFunc) {
  return (args: { inputs: { dy: TensorInfo; filter: TensorInfo }; backend: unknown; attrs: Record<string, unknown> }): TensorInfo => {
    const ctx = { backend: args.backend } as KernelCtx;
    const { dy, filter } = args.inputs;
    const { strides, pad, dimRoundingMode, inputShape, dataFormat } = args.attrs as {
      strides: [number, number] | number;
      pad: Pad;
      dimRoundingMode?: 'floor' | 'round' | 'ceil';
      inputShape: [number, number, number, number];
      dataFormat?: string;
    };
    const info = backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode);
    if (dataFormat && dataFormat !== 'NHWC') return original(args as never) as TensorInfo;
    if (info.strideHeight !== 1 || info.strideWidth !== 1) return stridedBackpropInput(ctx, dy, filter, info);
    const { filterHeight: kh, filterWidth: kw, inHeight: h, inWidth: w, outHeight: ho, outWidth: wo } = info;
    const top = kh - 1 - info.padInfo.top;
    const left = kw - 1 - info.padInfo.left;
    const bottom = h + kh - 1 - ho - top;
    const right = w + kw - 1 - wo - left;
    if (top < 0 || left < 0 || bottom < 0 || right < 0) return original(args as never) as TensorInfo;
    const rot = callKernel('Reverse', ctx, { x: filter }, { dims: [0, 1] });
    const rotT = transpose(ctx, rot, [0, 1, 3, 2]); // [kh, kw, co, ci]
    const dx = callKernel('Conv2D', ctx, { x: dy, filter: rotT }, {
      strides: [1, 1],
      pad: [[0, 0], [top, bottom], [left, right], [0, 0]],
      dataFormat: 'NHWC',
      dilations: [1, 1],
    });
    free(ctx, rot, rotT);
    return dx;
  };
}

/**
 * dX of a strided convolution (the network's first layer, 5x5 stride 2): every output position's
 * contribution to its input window as one XNNPACK matrix product, cols = dy [N*Ho*Wo, Co] x
 * W^T [Co, Kh*Kw*Ci], then summed into place (col2im) in one pass over the wasm heap. The backend's
 * own kernel is a scalar loop, about four times slower for that layer (146 against 35 ms a worker
 * step). (tfjs's fused convolution computes this gradient with respect to the image even though
 * training never uses it.)
 */
function stridedBackpropInput(ctx: KernelCtx, dy: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outHeight: ho, outWidth: wo, outChannels: co } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const taps = kh * kw * ci;
  const wT = transpose(ctx, filter, [3, 0, 1, 2]); // [co, kh, kw, ci]
  const a = reshape(ctx, dy, [1, n * ho * wo, co]);
  const b = reshape(ctx, wT, [1, co, taps]);
  const cols = callKernel('BatchMatMul', ctx, { a, b }, { transposeA: false, transposeB: false }); // [1, n*ho*wo, taps]
  const backend = ctx.backend as unknown as {
    makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
    typedArrayFromHeap(t: TensorInfo): Float32Array;
  };
  const dx = backend.makeOutput([n, h, w, ci], 'float32');
  // Views taken after the last allocation: a growing wasm heap would detach earlier ones.
  const src = backend.typedArrayFromHeap(cols);
  const out = backend.typedArrayFromHeap(dx);
  out.fill(0);
  const rowStride = w * ci;
  for (let b0 = 0; b0 < n; b0++) {
    const outBase = b0 * h * rowStride;
    for (let oy = 0; oy < ho; oy++) {
      const srcRow = ((b0 * ho + oy) * wo) * taps;
      for (let ky = 0; ky < kh; ky++) {
        const iy = oy * sh + ky - top;
        if (iy < 0 || iy >= h) continue;
        const outRow = outBase + iy * rowStride;
        for (let ox = 0; ox < wo; ox++) {
          const srcTap = srcRow + ox * taps + ky * kw * ci;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * sw + kx - left;
            if (ix < 0 || ix >= w) continue;
            const o = outRow + ix * ci;
            const s0 = srcTap + kx * ci;
            for (let c = 0; c < ci; c++) out[o + c] += src[s0 + c];
          }
        }
      }
    }
  }
  free(ctx, wT, a, b, cols);
  return dx;
}

/** BatchMatMul with transposed operands: transpose explicitly, then the fast untransposed path. */
function makeBatchMatMul(original: KernelFunc) {
  return (args: { inputs: { a: TensorInfo; b: TensorInfo }; backend: unknown; attrs: { transposeA?: boolean; transposeB?: boolean } }): TensorInfo => {
    const { transposeA, transposeB } = args.attrs;
    if (!transposeA && !transposeB) return original(args as never) as TensorInfo;
    const ctx = { backend: args.backend } as KernelCtx;
    const t = (x: TensorInfo) => {
      const r = x.shape.length;
      const perm = [...Array(r).keys()];
      [perm[r - 1], perm[r - 2]] = [perm[r - 2], perm[r - 1]];
      return transpose(ctx, x, perm);
    };
    const a = transposeA ? t(args.inputs.a) : args.inputs.a;
    const b = transposeB ? t(args.inputs.b) : args.inputs.b;
    const out = original({ ...args, inputs: { a, b }, attrs: { ...args.attrs, transposeA: false, transposeB: false } } as never) as TensorInfo;
    if (transposeA) free(ctx, a);
    if (transposeB) free(ctx, b);
    return out;
  };
}

let registered = false;

/**
 * Registers the project's training kernels on the wasm backend: Conv2DBackpropFilter (missing),
 * and faster Conv2DBackpropInput, transposed BatchMatMul, Tile, Sum and Mean over leading axes,
 * Equal of differently shaped tensors, and MaxPoolGrad of non-overlapping windows. Call once per thread, after
 * importing @tensorflow/tfjs-backend-wasm and before training. Each is tested against the cpu
 * backend (src/training/kernels/*.test.ts).
 */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  const replace = (name: string, make: (orig: KernelFunc) => KernelFunc) => {
    const orig = getKernel(name, 'wasm');
    if (!orig) throw new Error(`wasm backend has no ${name} kernel`);
    unregisterKernel(name, 'wasm');
    registerKernel({ ...orig, kernelFunc: make(orig.kernelFunc as KernelFunc) } as KernelConfig);
  };
  if (!getKernel('Conv2DBackpropFilter', 'wasm')) {
    registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2dBackpropFilter as unknown as KernelFunc });
  }
  replace('Conv2DBackpropInput', (o) => makeConv2dBackpropInput(o) as unknown as KernelFunc);
  replace('BatchMatMul', (o) => makeBatchMatMul(o) as unknown as KernelFunc);
  replace('Tile', (o) => makeTile(o) as unknown as KernelFunc);
  replace('Sum', (o) => makeSum(o) as unknown as KernelFunc);
  replace('Mean', (o) => makeMean(o) as unknown as KernelFunc);
  replace('Equal', (o) => makeBroadcastComparison(o) as unknown as KernelFunc);
  replace('MaxPoolGrad', (o) => makeMaxPoolGrad(o) as unknown as KernelFunc);
}
