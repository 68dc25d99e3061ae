import { expect, test, type Page } from '@playwright/test';
import { createCustomer, openApp, referenceCount, waitReady } from './helpers';

/** Draws a signature with a pressure-sensitive pen (CDP pen events with force), pausing between strokes. */
async function drawWithPen(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} not visible`);
  const cdp = await page.context().newCDPSession(page);
  const ev = (type: string, x: number, y: number, force: number) =>
    cdp.send('Input.dispatchMouseEvent', { type, x, y, force, pointerType: 'pen', button: 'left', buttons: type === 'mouseReleased' ? 0 : 1, clickCount: 1 } as never);
  for (let s = 0; s < 2; s++) {
    const x0 = box.x + box.width * (0.1 + 0.4 * s);
    const y0 = box.y + box.height * 0.6;
    await ev('mousePressed', x0, y0, 0.2);
    for (let i = 1; i <= 25; i++) {
      const t = i / 25;
      await ev('mouseMoved', x0 + t * box.width * 0.35, y0 - Math.sin(t * Math.PI * 4) * box.height * 0.25, 0.2 + 0.6 * t);
    }
    await ev('mouseReleased', x0 + box.width * 0.35, y0, 0);
    await page.waitForTimeout(150);
  }
  await cdp.detach();
}

test('a reference drawn on the pad keeps its strokes with pressure and timing as evidence', async ({ page }) => {
  await openApp(page);
  await createCustomer(page, 'pad-001', 'Pen Writer');
  await drawWithPen(page, 'enroll-pad');
  await expect(page.getByTestId('enroll-pad')).toHaveAttribute('data-strokes', '2');
  await page.getByTestId('enroll-pad-use').click();
  await expect.poll(() => referenceCount(page)).toBe(1);

  const evidence = page.getByTestId('reference-evidence');
  await expect(evidence).toHaveAttribute('data-strokes', '2');
  await expect(evidence).toContainText(/drawn: 2 strokes, \d+\.\d s, pen up \d+\.\d s, pressure 0\.\d\d-0\.\d\d/);
  expect(Number(await evidence.getAttribute('data-duration-ms'))).toBeGreaterThan(100);

  // Stored in IndexedDB with the reference: pen type, pressure and time of every point.
  const stored = await storedReferences(page);
  expect(stored).toHaveLength(1);
  expect(stored[0].source).toBe('pad');
  const strokes = stored[0].strokes!;
  expect(strokes.map((s) => s.pointerType)).toEqual(['pen', 'pen']);
  const pts = strokes.flatMap((s) => s.points);
  expect(pts.length).toBeGreaterThan(40);
  for (let i = 1; i < pts.length; i++) expect(pts[i].t).toBeGreaterThanOrEqual(pts[i - 1].t);
  const pressures = pts.map((p) => p.pressure);
  expect(Math.max(...pressures) - Math.min(...pressures)).toBeGreaterThan(0.3);

  // Kept across a reload.
  await page.reload();
  await waitReady(page);
  expect((await storedReferences(page))[0].strokes).toEqual(strokes);
});

type StoredRef = { source: string; strokes?: { pointerType: string; points: { x: number; y: number; pressure: number; t: number }[] }[] };

function storedReferences(page: Page): Promise<StoredRef[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('countersign');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const refs = await new Promise<StoredRef[]>((res, rej) => {
      const r = db.transaction('references').objectStore('references').getAll();
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    db.close();
    return refs;
  });
}
