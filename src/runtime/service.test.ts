import { join } from 'node:path';
import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmbeddingNet } from '../model/architecture';
import { DEFAULT_MODEL_CONFIG } from '../model/config';
import type { ModelCard } from '../model/modelCard';
import { matchedPenWidth, PREPROCESS_VERSION, PreprocessError, preprocess, strokeWidthOf, toGrey, type PixelImage, type PreprocessVersion } from '../preprocessing';
import { SignatureStore, StorageError } from '../storage';
import { inkBottom, withLine } from '../testing/printedLine';
import { turnPage } from '../testing/turnPage';
import { withBroaderPen } from '../testing/otherPen';
import { BROADER_PEN_FACTOR } from '../preprocessing/penBroadening';
import { withSecurityPattern } from '../testing/chequePattern';
import { inkCoverage } from '../testing/inkCoverage';
import { sharedDataset } from '../testing/sharedData';
import { decodeImageFile } from '../training/data/decodeNode';
import { AppError } from './errors';
import type { Runtime } from './runtime';
import { CountersignService, InputBatchError, type SignatureInput } from './service';
import { Verifier } from './verifier';

/** A synthetic "signature": a wavy dark stroke on white, RGBA. */
function scribble(seed: number, width = 320, height = 120): PixelImage {
  const data = new Uint8Array(width * height * 4).fill(255);
  for (let x = 20; x < width - 20; x++) {
    const yc = height / 2 + Math.sin((x / (18 + seed)) * Math.PI) * (25 + seed * 3);
    for (let dy = -2; dy <= 2; dy++) {
      const y = Math.round(yc + dy);
      const i = (y * width + x) * 4;
      data[i] = data[i + 1] = data[i + 2] = 20;
    }
  }
  return { width, height, channels: 4, data };
}
const pad = (seed: number): SignatureInput => ({ kind: 'pixels', pixels: scribble(seed), name: 'drawing', source: 'pad' });
const blank = (): SignatureInput => ({
  kind: 'pixels',
  pixels: { width: 200, height: 100, channels: 4, data: new Uint8Array(200 * 100 * 4).fill(255) },
  name: 'drawing',
  source: 'pad',
});

let model: tf.LayersModel;
let card: ModelCard;
const stores: SignatureStore[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
  model = buildEmbeddingNet({ ...DEFAULT_MODEL_CONFIG, dropout: 0 }, 5);
  card = {
    id: 'test-model',
    version: '1.0.0',
    architecture: DEFAULT_MODEL_CONFIG,
    preprocessing: { version: PREPROCESS_VERSION, inputHeight: 96, inputWidth: 192 },
    distanceHead: { kind: 'euclidean' },
    decision: { aggregate: 'min', globalScale: 0.5, priorWeight: 2, threshold: 1.3, referBand: 0.08, operatingPoints: [] },
  } as unknown as ModelCard;
});
afterAll(() => {
  model.dispose();
  stores.forEach((s) => s.close());
});

/**
 * The questioned raster is the customer's first (clean) reference within 2 pixels. The test model's
 * weights are random, so its distances cannot show this; the rasters can.
 */
async function expectCleanRaster(svc: CountersignService, customerId: string, questioned: Uint8Array): Promise<void> {
  const clean = (await svc.store.listActiveReferences(customerId))[0].image;
  const asFloat = (u8: Uint8Array) => Float32Array.from(u8, (v) => v / 255);
  expect(inkCoverage(asFloat(questioned), asFloat(clean))).toBeGreaterThan(0.9);
  expect(inkCoverage(asFloat(clean), asFloat(questioned))).toBeGreaterThan(0.9);
}

async function service(
  version = '1.0.0',
  name = `svc-${Math.random()}`,
  preprocessVersion: PreprocessVersion = PREPROCESS_VERSION,
  note?: (text: string) => void,
): Promise<{ svc: CountersignService; name: string }> {
  const store = await SignatureStore.open({ name });
  stores.push(store);
  const c = { ...card, version, preprocessing: { ...card.preprocessing, version: preprocessVersion } };
  const runtime = { card: c, verifier: new Verifier(model, c), info: {} } as unknown as Runtime;
  return { svc: new CountersignService(runtime, store, note), name };
}

describe('CountersignService', () => {
  it('enrolls, verifies an identical signature as the closest, and leaks no tensors', async () => {
    const { svc } = await service();
    await svc.store.createCustomer({ id: 'c1', name: 'One' });
    const refs = await svc.enroll('c1', [pad(1), pad(2), pad(3)]);
    expect(refs).toHaveLength(3);
    expect(refs[0].image).toHaveLength(96 * 192);
    expect(refs[0]).toMatchObject({ modelId: 'test-model', modelVersion: '1.0.0', preprocessVersion: PREPROCESS_VERSION, source: 'pad' });
    const before = tf.memory().numTensors;
    const out = await svc.verify('c1', pad(2));
    expect(tf.memory().numTensors).toBe(before);
    expect(out.result.distances).toHaveLength(3);
    expect(out.result.minDistance).toBeLessThan(1e-3);
    expect(out.result.distances[1]).toBe(out.result.minDistance);
    expect(out.result.referencePairs).toBe(3);
    expect(out.reembedded).toBe(0);
  });

  it('refuses a bad batch as a whole and names the failing input', async () => {
    const { svc } = await service();
    await svc.store.createCustomer({ id: 'c1', name: 'One' });
    const err = await svc.enroll('c1', [pad(1), blank()]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputBatchError);
    expect((err as InputBatchError).messages[0]).toMatch(/1 of 2 images could not be used/);
    expect((err as InputBatchError).messages[1]).toMatch(/^The drawing: No ink found/);
    expect(await svc.store.countReferences('c1')).toBe(0);
    const one = await svc.prepare(blank()).catch((e: unknown) => e);
    expect(one).toBeInstanceOf(PreprocessError);
  });

  it('refuses more than 5 references before embedding anything', async () => {
    const { svc } = await service();
    await svc.store.createCustomer({ id: 'c1', name: 'One' });
    await svc.enroll('c1', [pad(1), pad(2), pad(3), pad(4)]);
    const err = await svc.enroll('c1', [pad(5), pad(6)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).code).toBe('too-many-references');
    expect(await svc.store.countReferences('c1')).toBe(4);
  });

  it('refuses to verify a customer with no references, or an unknown customer', async () => {
    const { svc } = await service();
    await svc.store.createCustomer({ id: 'c1', name: 'One' });
    const e1 = await svc.verify('c1', pad(1)).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(AppError);
    expect((e1 as AppError).code).toBe('no-references');
    const e2 = await svc.verify('nobody', pad(1)).catch((e: unknown) => e);
    expect((e2 as AppError).code).toBe('no-customer');
  });

  it('re-embeds references made by another model version from their stored rasters', async () => {
    const { svc: old, name } = await service('0.9.0');
    await old.store.createCustomer({ id: 'c1', name: 'One' });
    const [r] = await old.enroll('c1', [pad(1)]);
    const { svc } = await service('1.0.0', name);
    const out = await svc.verify('c1', pad(1));
    expect(out.reembedded).toBe(1);
    const [stored] = await svc.store.listReferences('c1');
    expect(stored.modelVersion).toBe('1.0.0');
    expect(Array.from(stored.embedding)).toEqual(Array.from(out.references[0].embedding));
    // Same weights here, so the new embedding equals the old one: the stored raster is exactly what was embedded.
    Array.from(stored.embedding).forEach((v, i) => expect(v).toBeCloseTo(r.embedding[i], 5));
    expect((await svc.verify('c1', pad(1))).reembedded).toBe(0);
  });

  it("preprocesses with the model's own preprocessing version, and refuses references made with another", async () => {
    const { svc: pp2, name } = await service('2.0.0', undefined, 'pp2-centreline-96x192');
    const p = await pp2.prepare(pad(3));
    const want = preprocess(scribble(3), { version: 'pp2-centreline-96x192' }).data;
    const pp1 = preprocess(scribble(3), { version: 'pp1-otsu-binary-96x192' }).data;
    const close = (a: Float32Array) => a.every((v, i) => Math.abs(v - p.raster[i]) <= 1 / 255 + 1e-6);
    expect(close(want)).toBe(true);
    expect(close(pp1)).toBe(false);
    await pp2.store.createCustomer({ id: 'c1', name: 'One' });
    const [r] = await pp2.enroll('c1', [pad(1)]);
    expect(r.preprocessVersion).toBe('pp2-centreline-96x192');
    // The same store opened by a pp1 model: the pp2 raster cannot be re-embedded, the teller is told why.
    const { svc: pp1svc } = await service('1.0.0', name);
    const err = await pp1svc.verify('c1', pad(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('stale-preprocessing');
    expect((err as AppError).message).toMatch(/other preprocessing \(pp2-centreline-96x192\).*enroll them again/);
  });

  it('records every verification in the audit log with the policy in force, and ignores retired references', async () => {
    const { svc } = await service();
    await svc.store.createCustomer({ id: 'c1', name: 'One' });
    const refs = await svc.enroll('c1', [pad(1), pad(2), pad(3)]);
    await svc.store.retireReference(refs[0].id);
    const out = await svc.verify('c1', pad(2), { operatingPoint: null, referBand: 0.3 }, 'kiosk');
    expect(out.result.distances).toHaveLength(2);
    expect(out.result.referBand).toBe(0.3);
    const [a] = await svc.store.audit.list();
    expect(a).toMatchObject({ id: out.audit.id, customerId: 'c1', customerName: 'One', channel: 'kiosk', referBand: 0.3, modelVersion: '1.0.0', note: '' });
    expect(a.referenceIds).toEqual([refs[1].id, refs[2].id]);
    expect(a.distances).toEqual(out.result.distances);
    expect(a.thumbnail).toEqual(out.questioned.image);
    // Older callers pass an operating point name; unknown names fall back to the default threshold.
    await svc.verify('c1', pad(3), 'no-such-point');
    expect(await svc.store.audit.count('c1')).toBe(2);
  });

  it('redraws a drawing checked against scanned references with their pen, records it, and leaves same-domain checks alone', async () => {
    const { svc } = await service();
    await svc.store.createCustomer({ id: 'c1', name: 'One' });
    // Three scanned references (a real CEDAR writer), stored as a file upload would store them.
    const scans = [1, 2, 3].map((n) => decodeImageFile(join(sharedDataset('cedar-dev'), `004/genuine/0${n}.png`)));
    const prepared = await Promise.all(scans.map((pixels) => svc.prepare({ kind: 'pixels', pixels, name: 'scan', source: 'pad' })));
    const embeddings = await svc.runtime.verifier.embed(prepared.map((p) => p.raster));
    await svc.store.addReferences(
      'c1',
      prepared.map((p, i) => ({ image: p.image, width: 192, height: 96, embedding: embeddings[i], modelId: 'test-model', modelVersion: '1.0.0', preprocessVersion: PREPROCESS_VERSION, source: 'file' as const, label: `scan ${i + 1}` })),
    );
    const want = matchedPenWidth(prepared.map((p) => strokeWidthOf(p.image, 192, 96, 255)))!;
    const before = tf.memory().numTensors;
    const out = await svc.verify('c1', pad(2));
    expect(tf.memory().numTensors).toBe(before);
    expect(out.penMatch).toEqual({ penWidth: want, matchedTo: 'scanned', references: 3 });
    expect(out.penBroadening).toBeNull(); // across domains the pen matching decides, not the broadening
    expect(out.audit.penWidth).toBe(want);
    // The questioned raster is the drawing redrawn with that pen, not its own thin line.
    const redrawn = preprocess(scribble(2), { penWidth: want }).data;
    const own = preprocess(scribble(2)).data;
    const close = (a: Float32Array) => a.every((v, i) => Math.abs(v - out.questioned.raster[i]) <= 1 / 255 + 1e-6);
    expect(close(redrawn)).toBe(true);
    expect(close(own)).toBe(false);
    // A drawing against drawn references: nothing redrawn, nothing recorded.
    await svc.store.createCustomer({ id: 'c2', name: 'Two' });
    await svc.enroll('c2', [pad(1), pad(3)]);
    const same = await svc.verify('c2', pad(2));
    expect(same.penMatch).toBeNull();
    expect(same.audit.penWidth).toBeUndefined();
    // A blank drawing is still refused with the clear message, not a pen-matching error.
    expect(await svc.verify('c1', blank()).catch((e: unknown) => e)).toBeInstanceOf(PreprocessError);
  });

  it('broadens the references to a questioned scan written with a broader pen, records it, and leaves a scan in their pen alone', async () => {
    const { svc } = await service();
    const read = (n: number) => decodeImageFile(join(sharedDataset('cedar-dev'), `031/genuine/0${n}.png`));
    // Scans given as pixels (as the other tests here give them: the source says 'pad', the same for all, so one domain).
    const file = (pixels: PixelImage, name: string): SignatureInput => ({ kind: 'pixels', pixels, name, source: 'pad' });
    await svc.store.createCustomer({ id: 'c13', name: 'Thirteen' });
    await svc.enroll('c13', [1, 2, 3].map((n) => file(read(n), `ref ${n}`)));
    const same = await svc.verify('c13', file(read(4), 'same pen'));
    expect(same.penBroadening).toBeNull();
    expect(same.audit.broaderPen).toBeUndefined();
    const g = withBroaderPen(toGrey(read(4)), 2);
    const broad = file({ width: g.width, height: g.height, channels: 1, data: Uint8Array.from(g.data, (v) => Math.round(255 * v)) }, 'felt-tip');
    const before = tf.memory().numTensors;
    const out = await svc.verify('c13', broad);
    expect(tf.memory().numTensors).toBe(before);
    expect(out.penBroadening!.ratio).toBeGreaterThan(BROADER_PEN_FACTOR);
    expect(out.penBroadening!.radii).toHaveLength(3);
    for (const r of out.penBroadening!.radii) expect(r).toBeGreaterThan(0);
    expect(out.audit.broaderPen).toBe(Math.round(out.penBroadening!.ratio * 100) / 100);
    // The distances are to the broadened references: not those to the stored embeddings.
    const refs = await svc.store.listActiveReferences('c13');
    const plain = (await svc.runtime.verifier.compare(out.questioned.raster, refs.map((r) => r.embedding))).toRefs;
    expect(out.result.distances.some((d, i) => Math.abs(d - plain[i]) > 1e-4)).toBe(true);
  });

  it('leaves out a printed signature line under a real scan, tells the teller, and gives the model the clean scan’s raster', async () => {
    const notes: string[] = [];
    const { svc } = await service('1.0.0', undefined, PREPROCESS_VERSION, (t) => notes.push(t));
    const scan = decodeImageFile(join(sharedDataset('cedar-dev'), '033/genuine/02.png'));
    // The scan on a cheque: a black line from edge to edge through the signature's lowest strokes.
    const lined = withLine(scan, inkBottom(scan) - 6);
    await svc.store.createCustomer({ id: 'c9', name: 'Nine' });
    await svc.enroll('c9', [{ kind: 'pixels', pixels: scan, name: 'clean', source: 'pad' }]);
    expect(notes).toEqual([]);
    const out = await svc.verify('c9', { kind: 'pixels', pixels: lined, name: 'cheque', source: 'pad' });
    expect(notes).toEqual(['The drawing: a printed line under the signature (a cheque\'s or form\'s signature line) left out; only the handwriting is compared.']);
    // The model is given the clean scan's raster, within 2 pixels (the line alone squeezes it into a strip).
    await expectCleanRaster(svc, 'c9', out.questioned.image);
  });

  it('measures how far a questioned scan sits from its references’ orientation: 10 degrees askew, turned back; straight, nothing', async () => {
    const { svc } = await service();
    const read = (n: number) => decodeImageFile(join(sharedDataset('cedar-dev'), `035/genuine/0${n}.png`));
    await svc.store.createCustomer({ id: 'c12', name: 'Twelve' });
    await svc.enroll('c12', [1, 2, 3].map((n) => ({ kind: 'pixels' as const, pixels: read(n), name: `ref ${n}`, source: 'pad' as const })));
    const refs = await svc.store.listActiveReferences('c12');
    const straight = await svc.prepare({ kind: 'pixels', pixels: read(4), name: 'straight', source: 'pad' });
    expect(svc.orientationMatch(straight, refs)).toBeNull();
    const g = turnPage(toGrey(read(4)), -10);
    const askew = await svc.prepare({ kind: 'pixels', pixels: { width: g.width, height: g.height, channels: 1, data: Uint8Array.from(g.data, (v) => Math.round(255 * v)) }, name: 'askew', source: 'pad' });
    const turn = svc.orientationMatch(askew, refs);
    expect(turn?.rotateDeg).toBeGreaterThan(7);
    expect(turn?.rotateDeg).toBeLessThan(13);
    // The test model's weights are random: whether the advice shows is the e2e test's (e2e/askew-page.spec.ts).
  });

  it('thresholds a scan on a patterned cheque background between pattern and ink, tells the teller, and gives the model the clean scan’s raster', async () => {
    const notes: string[] = [];
    const { svc } = await service('1.0.0', undefined, PREPROCESS_VERSION, (t) => notes.push(t));
    const scan = decodeImageFile(join(sharedDataset('cedar-dev'), '032/genuine/18.png'));
    const patterned: SignatureInput = { kind: 'pixels', pixels: withSecurityPattern(scan), name: 'cheque', source: 'pad' };
    await svc.store.createCustomer({ id: 'c10', name: 'Ten' });
    await svc.enroll('c10', [{ kind: 'pixels', pixels: scan, name: 'clean', source: 'pad' }]);
    expect(notes).toEqual([]);
    const out = await svc.verify('c10', patterned);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^The drawing: a patterned or textured background .* was left out/);
    // The model is given the clean scan's raster, within 2 pixels (with the pattern's lines as ink it is not).
    await expectCleanRaster(svc, 'c10', out.questioned.image);
    // A reference on the pattern is accepted the same way, with the same note.
    await svc.enroll('c10', [patterned]);
    expect(notes.filter((n) => n.includes('patterned'))).toHaveLength(2);
    expect(await svc.store.listActiveReferences('c10')).toHaveLength(2);
  });

  it('compares demo images pairwise', async () => {
    const { svc } = await service();
    const items = await svc.prepareAll([pad(1), pad(1), pad(4)]);
    const demo = await svc.compare(items);
    expect(demo.distances[0][1]).toBeLessThan(1e-3);
    expect(demo.distances[0][2]).toBeGreaterThan(demo.distances[0][1]);
    expect(demo.similarities[0][0]).toBe(1);
    await expect(svc.compare(items.slice(0, 1))).rejects.toBeInstanceOf(AppError);
    expect(demo.penMatched).toEqual([]);
  });

  it('compares a drawing with a scan in the demo as verification does: the drawing redrawn with the scan’s pen', async () => {
    const { svc } = await service();
    const scanPixels = decodeImageFile(join(sharedDataset('cedar-dev'), '004/genuine/01.png'));
    const scan = { ...(await svc.prepare({ kind: 'pixels', pixels: scanPixels, name: 'scan', source: 'pad' })), source: 'file' as const };
    const [drawing, drawing2] = await svc.prepareAll([pad(2), pad(5)]);
    const before = tf.memory().numTensors;
    const demo = await svc.compare([drawing, scan, drawing2]);
    expect(tf.memory().numTensors).toBe(before);
    const want = matchedPenWidth([strokeWidthOf(scan.image, 192, 96, 255)])!;
    expect(demo.penMatched).toEqual([
      { drawn: 0, scanned: 1, penWidth: want },
      { drawn: 2, scanned: 1, penWidth: want },
    ]);
    // The pair's distance is the one of the redrawn drawing, in both halves of the matrix.
    const [e] = await svc.runtime.verifier.embed([preprocess(scribble(2), { penWidth: want }).data]);
    const [eScan] = await svc.runtime.verifier.embed([scan.raster]);
    const [[d]] = await svc.runtime.verifier.distances([e], [eScan]);
    expect(demo.distances[0][1]).toBeCloseTo(d, 3);
    expect(demo.distances[1][0]).toBe(demo.distances[0][1]);
    const [eOwn] = await svc.runtime.verifier.embed([drawing.raster]);
    const [[raw]] = await svc.runtime.verifier.distances([eOwn], [eScan]);
    expect(Math.abs(raw - d)).toBeGreaterThan(1e-3);
    // Two drawings: compared as they are.
    const [[dd]] = await svc.runtime.verifier.distances([eOwn], (await svc.runtime.verifier.embed([drawing2.raster])));
    expect(demo.distances[0][2]).toBeCloseTo(dd, 4);
  });
});
