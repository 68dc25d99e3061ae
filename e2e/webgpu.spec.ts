import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { cedar, openApp } from './helpers';

test.setTimeout(420_000);

test('WebGPU (forced) gives the same embedding as wasm within 1e-4', async ({ page }) => {
  const bytes = Array.from(readFileSync(cedar(35, 'genuine', 1)));
  const embed = () => page.evaluate((b) => window.__countersign!.embedImageBytes(b, 'w35-g01.png'), bytes);

  await openApp(page, '?backend=webgpu');
  expect(await page.evaluate(() => window.__countersign!.backend())).toBe('webgpu');
  await expect(page.getByTestId('status-backend')).toHaveAttribute('data-backend', 'webgpu');
  await expect(page.getByTestId('status-adapter')).toContainText(/adapter/);
  const gpu = await embed();
  expect(gpu.backend).toBe('webgpu');

  await openApp(page, '?backend=wasm');
  expect(await page.evaluate(() => window.__countersign!.backend())).toBe('wasm');
  const cpu = await embed();
  expect(cpu.backend).toBe('wasm');

  // Same preprocessed input on both (decoding and preprocessing do not depend on the backend)…
  expect(gpu.image).toEqual(cpu.image);
  expect(gpu.embedding.length).toBe(cpu.embedding.length);
  // …and the same embedding.
  let maxDiff = 0;
  for (let i = 0; i < gpu.embedding.length; i++) maxDiff = Math.max(maxDiff, Math.abs(gpu.embedding[i] - cpu.embedding[i]));
  test.info().annotations.push({ type: 'max |webgpu - wasm|', description: maxDiff.toExponential(2) });
  expect(maxDiff).toBeLessThanOrEqual(1e-4);
});
