import { describe, expect, it } from 'vitest';
import { MAX_WASM_THREADS, wasmThreadsFor, withWasmThreads } from './wasmThreads';

describe('wasm thread count', () => {
  it('is one thread per logical core, at least one and at most the pool tfjs creates', () => {
    expect(wasmThreadsFor(2)).toBe(2);
    expect(wasmThreadsFor(4)).toBe(4);
    expect(wasmThreadsFor(1)).toBe(1);
    expect(wasmThreadsFor(0)).toBe(1);
    expect(wasmThreadsFor(undefined)).toBe(1);
    expect(wasmThreadsFor(Number.NaN)).toBe(1);
    expect(wasmThreadsFor(64)).toBe(MAX_WASM_THREADS);
  });

  it('outside a cross-origin isolated page the backend starts untouched', async () => {
    // Node: no crossOriginIsolated, so nothing is overridden.
    expect(await withWasmThreads(async () => 'started')).toBe('started');
    await expect(withWasmThreads(async () => Promise.reject(new Error('no wasm')))).rejects.toThrow('no wasm');
  });
});
