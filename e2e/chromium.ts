/**
 * How every browser run here launches Debian's Chromium (e2e tests and the benchmark): one list,
 * so the two never drift. --enable-unsafe-webgpu: without it requestAdapter() is null here and
 * tfjs silently stays on WebGL.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-webgpu',
];
