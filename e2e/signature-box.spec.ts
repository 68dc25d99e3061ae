import { expect, test } from '@playwright/test';
import { inSignatureBox } from '../src/testing/signatureBox';
import { cedar, enrolScansThenVerify, openApp, payload, transformedScan, verifyFile, type FilePayload } from './helpers';

/** A real scan inside a form's black signature box (`pad` of the page added each side, the box `inset` inside). */
function boxed(file: string, name: string, pad: number, inset: number): FilePayload {
  return transformedScan(file, name, (page) => inSignatureBox(page, pad, inset));
}

test("a signature in a form's box, at the image's edge or further in, is verified like the clean scan", async ({ page }) => {
  await openApp(page);
  // Writer 33 is a validation writer (never trained on); genuine 1-5 enrolled as scanned.
  await enrolScansThenVerify(page, 'box-033', 'Box Customer', 33);

  const clean = await verifyFile(page, payload(cedar(33, 'genuine', 6)));
  for (const [pad, inset, name] of [[0.1, 0.05, 'form-edge-033-06.png'], [0.25, 0.12, 'form-inner-033-06.png']] as const) {
    const inBox = await verifyFile(page, boxed(cedar(33, 'genuine', 6), name, pad, inset));
    expect(inBox.verdict).toBe(clean.verdict);
    // Before, the box decided the crop (or hid the grey strokes): every distance far beyond the clean scan's.
    inBox.distances.forEach((d, i) => expect(Math.abs(d - clean.distances[i])).toBeLessThan(0.1));
  }
  // A skilled forgery in the box is still not accepted.
  const forged = await verifyFile(page, boxed(cedar(33, 'forged', 6), 'form-inner-033-f06.png', 0.25, 0.12));
  expect(forged.verdict).not.toBe('genuine');
});
