import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { wasmThreadsFor } from './wasmThreadCount';

export { MAX_WASM_THREADS, wasmThreadsFor } from './wasmThreadCount';

/**
 * Starts the wasm backend (`start`) with one XNNPACK thread per logical core.
 *
 * tfjs-backend-wasm 4.22 caps its pool at half of navigator.hardwareConcurrency (it assumes two
 * hyperthreads per core), read once when the wasm module starts: a 2-core kiosk gets one thread,
 * and setThreadsCount cannot raise it (tensorflow/tfjs#8513). For that moment this reports twice
 * the logical cores, then restores the browser's own value. Only the threaded build (a
 * cross-origin isolated page) has a pool at all; elsewhere `start` runs as it is.
 */
export async function withWasmThreads<T>(start: () => Promise<T>): Promise<T> {
  const isolated = typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated;
  if (typeof navigator === 'undefined' || !isolated) return start();
  const cores = wasmThreadsFor(navigator.hardwareConcurrency);
  setThreadsCount(cores);
  const own = Object.getOwnPropertyDescriptor(navigator, 'hardwareConcurrency');
  try {
    Object.defineProperty(navigator, 'hardwareConcurrency', { configurable: true, get: () => 2 * cores });
  } catch {
    return start();
  }
  try {
    return await start();
  } finally {
    if (own) Object.defineProperty(navigator, 'hardwareConcurrency', own);
    else delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}
