/// <reference lib="webworker" />
import { cacheName, staleCaches, strategyFor, type PrecacheManifest } from './strategy';

/**
 * The service worker: precaches the app, the model files and the wasm binaries at install, so
 * the app loads and verifies with no network at all. The build replaces the placeholder below
 * with the list of files (see vite-plugins/offline.ts).
 */
declare const self: ServiceWorkerGlobalScope;

const MANIFEST: PrecacheManifest = JSON.parse('__COUNTERSIGN_PRECACHE_MANIFEST__');
const CACHE = cacheName(MANIFEST);
const BASE = new URL(self.registration.scope).pathname;
const INDEX = new URL('index.html', self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // cache: 'reload' skips the HTTP cache so the precache matches the server exactly.
      await cache.addAll(MANIFEST.files.map((f) => new Request(new URL(f, self.registration.scope).href, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of staleCaches(await caches.keys(), CACHE)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

async function networkFirst(request: Request, fallbackUrl?: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    if (res.ok && res.type === 'basic') await cache.put(fallbackUrl ?? request, res.clone());
    return res;
  } catch (err) {
    const hit = (await cache.match(fallbackUrl ?? request, { ignoreSearch: true, ignoreVary: true })) ?? (await caches.match(request, { ignoreSearch: true, ignoreVary: true }));
    if (hit) return hit;
    throw err;
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const hit = await caches.match(request, { ignoreSearch: true, ignoreVary: true });
  return hit ?? fetch(request);
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const s = strategyFor(req, self.location.origin, BASE);
  if (s === 'bypass') return;
  if (s === 'navigate') event.respondWith(networkFirst(req, INDEX));
  else if (s === 'network-first') event.respondWith(networkFirst(req));
  else event.respondWith(cacheFirst(req));
});
