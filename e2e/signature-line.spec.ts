import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { cedar, enrolScansThenVerify, openApp, payload, verifyFile, type FilePayload } from './helpers';

/** A real scan as on a cheque: a black printed line from edge to edge through the signature's lowest strokes. */
function onSignatureLine(file: string, name: string): FilePayload {
  const png = PNG.sync.read(readFileSync(file));
  const { width, height, data } = png;
  let bottom = 0;
  for (let i = 0; i < width * height; i++) if (data[4 * i] < 128) bottom = Math.floor(i / width);
  for (const y of [bottom - 6, bottom - 5])
    for (let x = 0; x < width; x++) data.fill(0, 4 * (y * width + x), 4 * (y * width + x) + 3);
  return { name, mimeType: 'image/png', buffer: PNG.sync.write(png) };
}

test('a questioned signature on a printed line is verified like the clean scan, and the page says the line was left out', async ({ page }) => {
  await openApp(page);
  // Writer 31 is a validation writer (never trained on); genuine 1-5 enrolled as scanned.
  await enrolScansThenVerify(page, 'line-031', 'Line Customer', 31);

  const clean = await verifyFile(page, payload(cedar(31, 'genuine', 6)));
  await expect(page.getByTestId('info-message')).toHaveCount(0);
  const lined = await verifyFile(page, onSignatureLine(cedar(31, 'genuine', 6), 'cheque-031-06.png'));
  await expect(page.getByTestId('info-message')).toContainText(
    '"cheque-031-06.png": a printed line under the signature (a cheque\'s or form\'s signature line) left out; only the handwriting is compared.',
  );
  expect(lined.verdict).toBe(clean.verdict);
  expect(lined.distances).toHaveLength(5);
  // Measured: within 0.025 of the clean scan's distances (0.47-0.66); thresholded with the line's pixels still counted, one moved by 0.17.
  lined.distances.forEach((d, i) => expect(Math.abs(d - clean.distances[i])).toBeLessThan(0.06));

  // A skilled forgery on the same line is still not accepted.
  const forged = await verifyFile(page, onSignatureLine(cedar(31, 'forged', 1), 'cheque-031-f01.png'));
  expect(forged.verdict).not.toBe('genuine');
});
