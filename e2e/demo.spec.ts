import { expect, test } from '@playwright/test';
import { bytesOf, cedar, drawOnPad, dropFiles, gotoTab, openApp, storedData } from './helpers';

test('demo: drag and drop three signatures and see the pairwise similarity matrix', async ({ page }) => {
  await openApp(page);
  await gotoTab(page, 'demo');
  const before = await storedData(page);
  await dropFiles(page, '[data-testid="demo-drop-zone"]', [
    bytesOf(cedar(35, 'genuine', 1), 'w35-g01.png'),
    bytesOf(cedar(35, 'genuine', 2), 'w35-g02.png'),
    bytesOf(cedar(10, 'genuine', 1), 'w10-g01.png'),
  ]);
  await expect(page.getByTestId('demo-thumb')).toHaveCount(3);
  const matrix = page.getByTestId('similarity-matrix');
  await expect(matrix).toHaveAttribute('data-size', '3');
  await expect(page.getByTestId('matrix-cell')).toHaveCount(9);

  const cell = async (i: number, j: number) => {
    const c = page.locator(`[data-testid="matrix-cell"][data-i="${i}"][data-j="${j}"]`);
    return { d: Number(await c.getAttribute('data-distance')), s: Number(await c.getAttribute('data-similarity')) };
  };
  for (let i = 0; i < 3; i++) {
    expect((await cell(i, i)).d).toBe(0);
    for (let j = 0; j < 3; j++) {
      const a = await cell(i, j);
      const b = await cell(j, i);
      expect(a.d).toBeCloseTo(b.d, 5); // symmetric
      expect(a.s).toBeGreaterThanOrEqual(0);
      expect(a.s).toBeLessThanOrEqual(1);
    }
  }
  // Two signatures by writer 35 are closer than writer 35 and writer 10.
  expect((await cell(0, 1)).d).toBeLessThan((await cell(0, 2)).d);

  // Paste adds a fourth image, a drawing on the pad a fifth.
  await page.evaluate((f) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, bytesOf(cedar(35, 'genuine', 3), 'pasted.png'));
  await expect(matrix).toHaveAttribute('data-size', '4');
  await drawOnPad(page, 'demo-pad');
  await expect(page.getByTestId('demo-pad')).toHaveAttribute('data-strokes', '1');
  await page.getByTestId('demo-pad-use').click();
  await expect(matrix).toHaveAttribute('data-size', '5');
  await expect(page.getByTestId('demo-pad')).toHaveAttribute('data-strokes', '0');
  // The drawing against the four scans: compared as verification does, redrawn with each scan's pen.
  const note = page.getByTestId('demo-pen-match');
  await expect(note).toBeVisible();
  await expect(note).toHaveAttribute('data-pairs', '4');
  await expect(note).toContainText(/redrawn with the pen width measured on the image/);
  for (let j = 0; j < 4; j++) {
    const c = page.locator(`[data-testid="matrix-cell"][data-i="4"][data-j="${j}"]`);
    expect(Number(await c.getAttribute('data-pen-width'))).toBeGreaterThan(0);
    expect((await cell(4, j)).d).toBeCloseTo((await cell(j, 4)).d, 5);
  }
  await expect(page.locator('[data-testid="matrix-cell"][data-i="0"][data-j="1"]')).not.toHaveAttribute('data-pen-width', /./);

  // The demo stores nothing.
  expect(await storedData(page)).toEqual(before);
});

test.describe('on a high-DPI screen', () => {
  test.use({ deviceScaleFactor: 2 });
  test('the pad canvas is backed at devicePixelRatio resolution', async ({ page }) => {
    await openApp(page);
    await gotoTab(page, 'demo');
    const size = await page.getByTestId('demo-pad').evaluate((c: HTMLCanvasElement) => ({
      w: c.width,
      h: c.height,
      cssW: c.getBoundingClientRect().width,
      cssH: c.getBoundingClientRect().height,
      dpr: devicePixelRatio,
    }));
    expect(size.dpr).toBe(2);
    expect(size.w).toBe(Math.round(size.cssW * 2));
    expect(size.h).toBe(Math.round(size.cssH * 2));
    await drawOnPad(page, 'demo-pad');
    await page.getByTestId('demo-pad-use').click();
    await expect(page.getByTestId('demo-thumb')).toHaveCount(1);
  });
});

test('demo: try the shipped sample signatures (synthetic writers) with one click', async ({ page }) => {
  await openApp(page);
  await gotoTab(page, 'demo');
  await page.getByTestId('demo-sample-A').click();
  await expect(page.getByTestId('demo-thumb')).toHaveCount(6);
  await page.getByTestId('demo-sample-B').click();
  await expect(page.getByTestId('demo-thumb')).toHaveCount(12);
  await expect(page.getByTestId('similarity-matrix')).toHaveAttribute('data-size', '12');
  const names = await page.getByTestId('demo-item').allInnerTexts();
  expect(names[0]).toMatch(/A genuine 1/);
  expect(names[4]).toMatch(/A forgery 1/);
  expect(names[6]).toMatch(/B genuine 1/);
  // Items 0-5 are writer A (4 genuine, 2 forgeries), 6-11 writer B: A's genuine signatures are
  // closer to each other than to B's.
  const d = async (i: number, j: number) => Number(await page.locator(`[data-testid="matrix-cell"][data-i="${i}"][data-j="${j}"]`).getAttribute('data-distance'));
  const within: number[] = [];
  const across: number[] = [];
  for (let i = 0; i < 4; i++) {
    for (let j = i + 1; j < 4; j++) within.push(await d(i, j));
    for (let j = 6; j < 10; j++) across.push(await d(i, j));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  expect(mean(within)).toBeLessThan(mean(across));
});
