/**
 * How the service worker answers a request (pure, unit-tested):
 * - 'navigate': the app page. Network first (a new release is picked up at once when online),
 *   the cached index.html when offline.
 * - 'network-first': the model directory (a new model must win when online; the cached copy
 *   serves offline).
 * - 'cache-first': everything else of our origin (hashed bundles, wasm binaries, icons).
 * - 'bypass': other origins, non-GET requests, and the service worker script itself.
 */
export type Strategy = 'navigate' | 'network-first' | 'cache-first' | 'bypass';

export function strategyFor(req: { method: string; url: string; mode: string }, origin: string, base = '/'): Strategy {
  if (req.method !== 'GET') return 'bypass';
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return 'bypass';
  }
  if (url.origin !== origin) return 'bypass';
  const path = url.pathname.startsWith(base) ? url.pathname.slice(base.length - 1) : url.pathname;
  if (path === '/sw.js') return 'bypass';
  if (req.mode === 'navigate') return 'navigate';
  if (path.startsWith('/models/') || path === '/manifest.webmanifest') return 'network-first';
  return 'cache-first';
}

export interface PrecacheManifest {
  /** Changes whenever any precached file changes; names the cache. */
  version: string;
  /** Paths relative to the app's base, e.g. "index.html", "assets/index-abc.js". */
  files: string[];
}

export const CACHE_PREFIX = 'countersign-precache-';

export function cacheName(m: PrecacheManifest): string {
  return `${CACHE_PREFIX}${m.version}`;
}

/** Caches of older releases, to delete once the new worker activates. */
export function staleCaches(names: readonly string[], current: string): string[] {
  return names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== current);
}
