import { describe, expect, it } from 'vitest';
import { CACHE_PREFIX, cacheName, staleCaches, strategyFor } from './strategy';

const O = 'http://127.0.0.1:4173';
const get = (path: string, mode = 'cors') => ({ method: 'GET', url: `${O}${path}`, mode });

describe('service worker strategy', () => {
  it('routes requests', () => {
    expect(strategyFor(get('/', 'navigate'), O)).toBe('navigate');
    expect(strategyFor(get('/?mode=kiosk', 'navigate'), O)).toBe('navigate');
    expect(strategyFor(get('/models/index.json'), O)).toBe('network-first');
    expect(strategyFor(get('/models/countersign-v1/weights.bin'), O)).toBe('network-first');
    expect(strategyFor(get('/assets/index-abc.js'), O)).toBe('cache-first');
    expect(strategyFor(get('/assets/tfjs-backend-wasm-simd-x.wasm'), O)).toBe('cache-first');
    expect(strategyFor(get('/sw.js'), O)).toBe('bypass');
    expect(strategyFor({ method: 'POST', url: `${O}/x`, mode: 'cors' }, O)).toBe('bypass');
    expect(strategyFor({ method: 'GET', url: 'https://cdn.example.com/x.js', mode: 'cors' }, O)).toBe('bypass');
    expect(strategyFor({ method: 'GET', url: 'blob:abc', mode: 'cors' }, O)).toBe('bypass');
    expect(strategyFor(get('/app/models/a.json'), O, '/app/')).toBe('network-first');
  });
  it('names caches by version and finds stale ones', () => {
    const c = cacheName({ version: 'v2', files: [] });
    expect(c).toBe(`${CACHE_PREFIX}v2`);
    expect(staleCaches([`${CACHE_PREFIX}v1`, c, 'other'], c)).toEqual([`${CACHE_PREFIX}v1`]);
  });
});
