import type { RuntimeInfo } from '../runtime/runtime';

export function backendLabel(info: RuntimeInfo): string {
  if (info.backend !== 'wasm') return info.backend;
  const simd = info.wasmSimd ? 'SIMD' : 'no SIMD';
  const n = info.wasmThreads ?? 1;
  const threads = info.wasmThreaded ? `threads: ${n}` : 'no threads';
  return `wasm (${simd}, ${threads})`;
}

/** Active backend, GPU adapter and model version, always visible. */
export function StatusBar({ info }: { info: RuntimeInfo | null }) {
  return (
    <dl className="status-bar" data-testid="status-bar">
      <div>
        <dt>Backend</dt>
        <dd data-testid="status-backend" data-backend={info?.backend ?? ''}>
          {info ? backendLabel(info) : '…'}
          {info && info.requested !== 'auto' && <span className="tag">forced</span>}
        </dd>
      </div>
      <div>
        <dt>GPU adapter</dt>
        <dd data-testid="status-adapter" data-fallback={info ? String(info.adapter.fallback) : ''}>
          {info ? info.adapter.description : '…'}
        </dd>
      </div>
      <div>
        <dt>Model</dt>
        <dd data-testid="status-model">{info ? `${info.modelId} v${info.modelVersion}` : '…'}</dd>
      </div>
    </dl>
  );
}
