/** Backend choice: pure rules, no tfjs import (unit-tested in node). */
export const BACKENDS = ['webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendPreference = BackendName | 'auto';

export function parseBackend(value: string | null | undefined): BackendName | null {
  const v = (value ?? '').trim().toLowerCase();
  return (BACKENDS as readonly string[]).includes(v) ? (v as BackendName) : null;
}

export function parsePreference(value: unknown): BackendPreference {
  return typeof value === 'string' && (value === 'auto' || parseBackend(value)) ? (value as BackendPreference) : 'auto';
}

/** What the WebGPU probe found. */
export interface AdapterReport {
  /** navigator.gpu exists and requestAdapter() returned an adapter. */
  available: boolean;
  /** A software adapter (e.g. SwiftShader): correct but slow. */
  fallback: boolean;
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** Why there is no adapter, when there is none. */
  reason?: string;
}

/**
 * Backends to try, in order. Auto: WebGPU only on a hardware adapter, else wasm (SIMD, threads
 * when cross-origin isolated), then webgl, then cpu. A forced backend comes first and the auto
 * order follows it as fallback.
 */
export function backendCandidates(pref: BackendPreference, adapter: Pick<AdapterReport, 'available' | 'fallback'>): BackendName[] {
  const auto: BackendName[] = adapter.available && !adapter.fallback ? ['webgpu', 'wasm', 'webgl', 'cpu'] : ['wasm', 'webgl', 'cpu'];
  if (pref === 'auto') return auto;
  return [pref, ...auto.filter((b) => b !== pref)];
}

/** "Google / swiftshader (software fallback)" style one-line description of an adapter. */
export function describeAdapter(info: { vendor?: string; architecture?: string; device?: string; description?: string }, fallback: boolean): string {
  const parts = [info.vendor, info.architecture, info.device].filter((s): s is string => !!s && s.trim() !== '');
  let text = parts.join(' / ');
  if (info.description && !text.includes(info.description)) text = text ? `${text} (${info.description})` : info.description;
  if (!text) text = 'unknown adapter';
  return `${text}${fallback ? ' — software fallback adapter' : ' — hardware adapter'}`;
}

/** The `?backend=` query parameter, if valid. */
export function backendFromUrl(search: string): BackendName | null {
  return parseBackend(new URLSearchParams(search).get('backend'));
}
