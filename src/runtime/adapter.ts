import { describeAdapter, type AdapterReport } from './backends';

/** Asks the browser for a WebGPU adapter (no device is created) and describes it. */
export async function probeWebGpu(): Promise<AdapterReport> {
  const none = (reason: string): AdapterReport => ({
    available: false,
    fallback: false,
    vendor: '',
    architecture: '',
    device: '',
    description: `no WebGPU (${reason})`,
    reason,
  });
  if (typeof navigator === 'undefined' || !('gpu' in navigator) || !navigator.gpu) return none('navigator.gpu is missing');
  let adapter: GPUAdapter | null;
  try {
    adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (err) {
    return none(`requestAdapter failed: ${(err as Error)?.message ?? err}`);
  }
  if (!adapter) return none('requestAdapter() returned null');
  type InfoLike = { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  const a = adapter as GPUAdapter & { info?: InfoLike; isFallbackAdapter?: boolean; requestAdapterInfo?: () => Promise<InfoLike> };
  let info: InfoLike = a.info ?? {};
  if (!a.info && typeof a.requestAdapterInfo === 'function') {
    try {
      info = await a.requestAdapterInfo();
    } catch {
      info = {};
    }
  }
  const fallback = Boolean(info.isFallbackAdapter ?? a.isFallbackAdapter ?? false);
  return {
    available: true,
    fallback,
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: describeAdapter(info, fallback),
  };
}
