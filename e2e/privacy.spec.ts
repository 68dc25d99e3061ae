import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { addReferences, cedar, createCustomer, gotoTab, openApp, payload, pickCustomer, verifyFile } from './helpers';

/** Records every request of the context (pages, workers, the service worker) and every CSP violation. */
function record(context: BrowserContext, page: Page) {
  const requests: string[] = [];
  const violations: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
  });
  return { requests, violations };
}

for (const backend of ['wasm', 'webgpu'] as const) {
  test(`privacy on ${backend}: CSP allows only this origin, and enroll + verify make no request to another origin`, async ({ page, context, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const { requests, violations } = record(context, page);
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await openApp(page, `?backend=${backend}`);
    await expect(page.getByTestId('status-backend')).toHaveAttribute('data-backend', backend);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:|\*/);
    if (backend === 'wasm') {
      // The threaded wasm build (blob: pthread workers) runs under the CSP.
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      expect(await page.evaluate(() => window.__countersign!.info.wasmThreaded)).toBe(true);
    }

    await createCustomer(page, `priv-${backend}`, 'Privacy Check');
    await addReferences(page, [1, 2].map((n) => payload(cedar(15, 'genuine', n))));
    await gotoTab(page, 'verify');
    await pickCustomer(page, 'verify', `priv-${backend}`, `priv-${backend}`);
    const v = await verifyFile(page, payload(cedar(15, 'genuine', 3)));
    expect(v.distances).toHaveLength(2);

    const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(requests.length).toBeGreaterThan(5);
    expect(violations).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);

    // The policy is enforced: a request to another origin is blocked before it leaves.
    const attempt = await page.evaluate(() => fetch('https://example.com/upload', { method: 'POST', body: 'x' }).then(() => 'sent', (e: Error) => `blocked: ${e.name}`));
    expect(attempt).toMatch(/^blocked/);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp.join('\n'))).toContain('connect-src');
    expect(requests.filter((u) => u.startsWith('https://example.com'))).toEqual([]);
  });
}
