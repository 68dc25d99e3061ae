/** tfjs-backend-wasm's XNNPACK pool holds at most 8 threads (workers it creates up front). */
export const MAX_WASM_THREADS = 8;

/**
 * Threads for XNNPACK: one per logical core, 1 to MAX_WASM_THREADS. Pure and import-free, so the
 * browser tests can state what the status line must show without a second copy of the rule.
 */
export function wasmThreadsFor(logicalCores: number | undefined): number {
  const n = Number.isFinite(logicalCores) ? Math.floor(logicalCores as number) : 1;
  return Math.min(MAX_WASM_THREADS, Math.max(1, n));
}
