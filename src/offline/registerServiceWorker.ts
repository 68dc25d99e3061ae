/**
 * Registers the service worker in production builds (the dev server has no precache list).
 * ?sw=off skips it (and unregisters an existing one), for tests that intercept requests.
 */
export async function registerServiceWorker(): Promise<'registered' | 'disabled' | 'unsupported' | 'failed'> {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return 'unsupported';
  if (new URLSearchParams(location.search).get('sw') === 'off') {
    const regs = await navigator.serviceWorker.getRegistrations().catch(() => []);
    await Promise.all(regs.map((r) => r.unregister()));
    return 'disabled';
  }
  try {
    await navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL, type: 'module' });
    return 'registered';
  } catch (err) {
    console.warn('Service worker registration failed; the app works online only.', err);
    return 'failed';
  }
}
