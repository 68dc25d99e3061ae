import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import type { GreyImage } from '../src/preprocessing/pixelImage';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Research data beside the repository (never copied into it): ../shared/data. */
export const DATA_DIR = resolve(repoRoot, '../shared/data');

export function cedar(writer: number, kind: 'genuine' | 'forged', n: number): string {
  const file = join(DATA_DIR, 'cedar-dev', String(writer).padStart(3, '0'), kind, `${String(n).padStart(2, '0')}.png`);
  if (!existsSync(file)) {
    throw new Error(`Test data missing: ${file}. The e2e tests read ../shared/data beside the repository (see README).`);
  }
  return file;
}

export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export function payload(file: string, name = file.split('/').slice(-3).join('-')): FilePayload {
  return { name, mimeType: 'image/png', buffer: readFileSync(file) };
}

/**
 * A real scan redrawn as a page transform gives it (src/testing: a signature box, a page turned), as a PNG
 * payload: the scan's grey [0, 1] in, the transformed page out.
 */
export function transformedScan(file: string, name: string, transform: (page: GreyImage) => GreyImage): FilePayload {
  const png = PNG.sync.read(readFileSync(file));
  const grey = new Float32Array(png.width * png.height);
  for (let i = 0; i < grey.length; i++) grey[i] = png.data[4 * i] / 255;
  const t = transform({ width: png.width, height: png.height, data: grey });
  const out = new PNG({ width: t.width, height: t.height });
  for (let i = 0; i < t.data.length; i++) {
    out.data.fill(Math.round(255 * t.data[i]), 4 * i, 4 * i + 3);
    out.data[4 * i + 3] = 255;
  }
  return { name, mimeType: 'image/png', buffer: PNG.sync.write(out) };
}

/** A real greyscale PNG of width x height, white, optionally with one 3x3 black dot, built at run time. */
export function makePng(width: number, height: number, dot = false): Buffer {
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
  png.data = Buffer.alloc(width * height, 255);
  if (dot) for (let y = 100; y < 103; y++) png.data.fill(0, y * width + 200, y * width + 203);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
}

/** Opens the app and waits until the model is loaded and warmed up (fails fast if start-up fails). */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query}`);
  await waitReady(page);
}

/** Waits until the app on the current page is ready (model loaded and warmed up). */
export async function waitReady(page: Page): Promise<void> {
  const app = page.getByTestId('app');
  await expect(app.or(page.getByTestId('startup-failed'))).toBeVisible();
  await expect(async () => {
    if (await page.getByTestId('startup-failed').isVisible()) {
      throw new Error(`start-up failed: ${await page.getByTestId('message-area').innerText()}`);
    }
    await expect(app).toHaveAttribute('data-ready', 'true', { timeout: 1000 });
  }).toPass({ timeout: 150_000 });
}

export async function gotoTab(page: Page, tab: 'enroll' | 'verify' | 'customers' | 'audit' | 'demo' | 'settings'): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  await expect(page.getByTestId(`panel-${tab}`)).toBeVisible();
}

export async function createCustomer(page: Page, id: string, name: string): Promise<void> {
  await gotoTab(page, 'enroll');
  await page.getByTestId('customer-id-input').fill(id);
  await page.getByTestId('customer-name-input').fill(name);
  await page.getByTestId('create-customer-button').click();
  await expect(page.getByTestId('success-message')).toContainText(`(${id}) created`);
  await expect(page.getByTestId('enroll-customer-heading')).toContainText(id);
}

/** Adds references through the Enroll file input and waits for the confirmation. */
export async function addReferences(page: Page, files: FilePayload[]): Promise<void> {
  await page.getByTestId('enroll-file-input').setInputFiles(files);
  await expect(page.getByTestId('success-message')).toContainText(`Added ${files.length} reference signature`);
}

export async function referenceCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('reference-count').getAttribute('data-count'));
}

export async function pickCustomer(page: Page, prefix: 'enroll' | 'verify', search: string, id: string): Promise<void> {
  await page.getByTestId(`${prefix}-customer-search`).fill(search);
  await page.locator(`[data-testid="${prefix}-customer-option"][data-customer-id="${id}"]`).click();
  await expect(page.getByTestId(`${prefix}-customer-heading`)).toContainText(id);
}

/**
 * A customer with cedar-dev `writer`'s genuine scans 1-5 as references (a validation writer for the scan-condition
 * tests: never trained on), then the Verify tab opened on that customer.
 */
export async function enrolScansThenVerify(page: Page, id: string, name: string, writer: number): Promise<void> {
  await createCustomer(page, id, name);
  await addReferences(page, [1, 2, 3, 4, 5].map((n) => payload(cedar(writer, 'genuine', n))));
  await gotoTab(page, 'verify');
  await pickCustomer(page, 'verify', id, id);
}

export interface Verdict {
  verdict: string;
  score: number;
  confidence: number;
  distances: number[];
}

/** Verifies one file on the Verify tab (customer already picked) and reads the result. */
export async function verifyFile(page: Page, file: FilePayload): Promise<Verdict> {
  await page.getByTestId('verify-file-input').setInputFiles(file);
  await expect(page.getByTestId('questioned-thumb')).toHaveAttribute('aria-label', new RegExp(escape(file.name)));
  const verdict = (await page.getByTestId('verdict').getAttribute('data-verdict')) ?? '';
  const score = Number(await page.getByTestId('score').getAttribute('data-score'));
  const confidence = Number(await page.getByTestId('confidence').getAttribute('data-confidence'));
  const distances = (await page.getByTestId('reference-distance').allInnerTexts()).map((t) => Number(t.replace(/[^0-9.]/g, '')));
  return { verdict, score, confidence, distances };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Everything stored in IndexedDB, read directly (not through the app), for "nothing changed" checks. */
export async function storedData(page: Page): Promise<{ customers: string[]; references: string[] }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('countersign');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const tx = db.transaction(['customers', 'references'], 'readonly');
    const all = <T,>(store: string) =>
      new Promise<T[]>((res, rej) => {
        const r = tx.objectStore(store).getAll();
        r.onsuccess = () => res(r.result as T[]);
        r.onerror = () => rej(r.error);
      });
    const customers = await all<{ id: string; name: string }>('customers');
    const refs = await all<{ id: string; customerId: string; embedding: Float32Array }>('references');
    db.close();
    return {
      customers: customers.map((c) => `${c.id}:${c.name}`).sort(),
      references: refs.map((r) => `${r.customerId}:${r.id}:${r.embedding.length}`).sort(),
    };
  });
}

/** Dispatches a drop of the given files (built as File objects inside the page) onto a selector. */
export async function dropFiles(page: Page, selector: string, files: { name: string; type: string; bytes: number[] }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    return dt;
  }, files);
  await page.dispatchEvent(selector, 'dragenter', { dataTransfer });
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
  await dataTransfer.dispose();
}

export function bytesOf(file: string, name = file.split('/').slice(-3).join('-')): { name: string; type: string; bytes: number[] } {
  return { name, type: 'image/png', bytes: Array.from(readFileSync(file)) };
}

/** Draws a signature-like scribble on a pad with the mouse. */
export async function drawOnPad(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} not visible`);
  const x0 = box.x + box.width * 0.1;
  const y0 = box.y + box.height * 0.6;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= 40; i++) {
    const t = i / 40;
    await page.mouse.move(x0 + t * box.width * 0.75, y0 - Math.sin(t * Math.PI * 6) * box.height * 0.25 - t * box.height * 0.1, { steps: 2 });
  }
  await page.mouse.up();
}
