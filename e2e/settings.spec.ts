import { expect, test } from '@playwright/test';
import { wasmThreadsFor } from '../src/runtime/wasmThreadCount';
import { gotoTab, openApp, waitReady } from './helpers';

test('status shows backend, adapter and model; backend choice in settings is persisted; ?backend= overrides', async ({ page }) => {
  await openApp(page);
  // On this machine WebGPU is SwiftShader (software), so the automatic choice is wasm.
  const adapterFallback = await page.getByTestId('status-adapter').getAttribute('data-fallback');
  const auto = await page.getByTestId('status-backend').getAttribute('data-backend');
  if (adapterFallback === 'true') expect(auto).toBe('wasm');
  await expect(page.getByTestId('status-adapter')).not.toHaveText('…');
  await expect(page.getByTestId('status-model')).toContainText(/v\S+/);
  if (auto === 'wasm') {
    await expect(page.getByTestId('status-backend')).toContainText('SIMD');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    // One XNNPACK thread per logical core (tfjs alone would use half of them, one on this 2-core
    // machine), and the browser's own hardwareConcurrency is back once the backend has started.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    await expect(page.getByTestId('status-backend')).toContainText(`threads: ${wasmThreadsFor(cores)}`);
    expect(await page.evaluate(() => Object.getOwnPropertyDescriptor(navigator, 'hardwareConcurrency') === undefined)).toBe(true);
  }

  await gotoTab(page, 'settings');
  await page.getByTestId('backend-select').selectOption('cpu');
  await Promise.all([page.waitForEvent('load'), page.getByTestId('backend-apply').click()]);
  await waitReady(page);
  await expect(page.getByTestId('status-backend')).toHaveAttribute('data-backend', 'cpu');
  expect(await page.evaluate(() => window.__countersign!.backend())).toBe('cpu');

  // Persisted across a plain reload.
  await page.reload();
  await waitReady(page);
  await expect(page.getByTestId('status-backend')).toHaveAttribute('data-backend', 'cpu');

  // ?backend= beats the saved setting for that page.
  await openApp(page, '?backend=wasm');
  await expect(page.getByTestId('status-backend')).toHaveAttribute('data-backend', 'wasm');

  // Back to automatic.
  await gotoTab(page, 'settings');
  await page.getByTestId('backend-select').selectOption('auto');
  await Promise.all([page.waitForEvent('load'), page.getByTestId('backend-apply').click()]);
  await waitReady(page);
  expect(new URL(page.url()).searchParams.has('backend')).toBe(false);
  await expect(page.getByTestId('status-backend')).toHaveAttribute('data-backend', auto!);
});
