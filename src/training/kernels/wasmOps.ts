import { getKernel, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';

/**
 * Direct calls into the wasm backend's own kernels, for composing new kernels from fast ones
 * (XNNPACK conv2d and matMul). Intermediates are plain TensorInfos the caller must free.
 */
export interface KernelCtx {
  backend: { disposeData(dataId: object): void } & object;
}

export function callKernel(name: string, ctx: KernelCtx, inputs: Record<string, TensorInfo>, attrs: object = {}): TensorInfo {
  const k = getKernel(name, 'wasm');
  if (!k) throw new Error(`wasm kernel ${name} is not registered`);
  return (k.kernelFunc as KernelFunc)({ inputs, backend: ctx.backend as never, attrs: attrs as never }) as TensorInfo;
}

export function free(ctx: KernelCtx, ...ts: TensorInfo[]): void {
  for (const t of ts) ctx.backend.disposeData(t.dataId);
}

export const transpose = (ctx: KernelCtx, x: TensorInfo, perm: number[]) => callKernel('Transpose', ctx, { x }, { perm });
export const reshape = (ctx: KernelCtx, x: TensorInfo, shape: number[]) => callKernel('Reshape', ctx, { x }, { shape });
