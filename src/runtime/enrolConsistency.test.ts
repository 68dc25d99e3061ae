import { join } from 'node:path';
import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelCard } from '../model/modelCard';
import { INPUT_HEIGHT, INPUT_WIDTH } from '../preprocessing';
import { SignatureStore } from '../storage';
import { sharedDataset } from '../testing/sharedData';
import { decodeImageFile } from '../training/data/decodeNode';
import { defaultModelDir, loadLayersModelFromDir, readModelCard } from '../training/io/modelFiles';
import type { Runtime } from './runtime';
import { CountersignService, type SignatureInput } from './service';
import { Verifier } from './verifier';

// The shipped model: whether references look alike is a property of its embeddings, which a
// random-weights model does not have. Writers 035-037 are validation writers (never trained on).
let model: tf.LayersModel;
let card: ModelCard;
const stores: SignatureStore[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
  const dir = defaultModelDir();
  card = readModelCard(dir);
  model = await loadLayersModelFromDir(dir);
}, 60_000);
afterAll(() => {
  model.dispose();
  stores.forEach((s) => s.close());
});

// Pixel inputs are what the pad gives (source 'pad'): these scans are checked among each other as the
// "drawn" group; the last test adds a scanned-file reference beside them.
const scan = (writer: string, n: number): SignatureInput => ({
  kind: 'pixels',
  pixels: decodeImageFile(join(sharedDataset('cedar-dev'), `${writer}/genuine/${String(n).padStart(2, '0')}.png`)),
  name: `${writer}-${n}`,
  source: 'pad',
});

async function service(verifier = new Verifier(model, card)): Promise<{ svc: CountersignService; notes: string[] }> {
  const notes: string[] = [];
  const store = await SignatureStore.open({ name: `consistency-${Math.random()}` });
  stores.push(store);
  const runtime = { card, verifier, info: {} } as unknown as Runtime;
  const svc = new CountersignService(runtime, store, (t) => notes.push(t));
  await svc.store.createCustomer({ id: 'c1', name: 'One' });
  return { svc, notes };
}

describe('enrolment consistency (the shipped model, real scans)', () => {
  it('says nothing about a customer\'s own references, and names another writer\'s signature among them', async () => {
    const { svc, notes } = await service();
    await svc.enroll('c1', [1, 2, 3, 4].map((n) => scan('035', n)));
    expect(notes).toEqual([]);
    // A wrong file: writer 036's signature enrolled for writer 035. It is kept; the teller is told.
    const added = await svc.enroll('c1', [scan('036', 1)]);
    expect(added).toHaveLength(1);
    expect(await svc.store.listActiveReferences('c1')).toHaveLength(5);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^Reference 5 \("036-1"\) looks unlike this customer's other 4 drawn references \(score [\d.]+ against them, limit [\d.]+\)\. A reference by someone else/);
  }, 120_000);

  it('names a kept reference once: later enrolments name only what is new', async () => {
    const { svc, notes } = await service();
    await svc.enroll('c1', [scan('035', 1), scan('035', 2), scan('037', 1)]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^Reference 3 \("037-1"\) looks unlike this customer's other 2 drawn references/);
    // The teller keeps it and adds one of the customer's own: no note again, the mark stays.
    notes.length = 0;
    await svc.enroll('c1', [scan('035', 3)]);
    expect(notes).toEqual([]);
    expect((await svc.unlikeReferences('c1')).map((u) => u.label)).toEqual(['037-1']);
    // A third writer's signature: it alone is named (037-1 is still unlike the others, and still marked).
    await svc.enroll('c1', [scan('039', 1)]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^Reference 5 \("039-1"\) looks unlike this customer's other 4 drawn references/);
    expect((await svc.unlikeReferences('c1')).map((u) => u.label)).toEqual(['037-1', '039-1']);
  }, 120_000);

  it('refers a verdict that hangs on the unlike reference, and records why', async () => {
    const { svc } = await service();
    await svc.enroll('c1', [scan('035', 1), scan('035', 2), scan('035', 3), scan('037', 1)]);
    const forgery: SignatureInput = {
      kind: 'pixels',
      pixels: decodeImageFile(join(sharedDataset('cedar-dev'), '035/forged/03.png')),
      name: '035-forged-3',
      source: 'pad',
    };
    // On all four references writer 037's signature widens the writer's scale and the forgery passes;
    // on the customer's own three it does not.
    const { result, audit } = await svc.verify('c1', forgery);
    expect(result.unlike).toEqual([3]);
    expect(result.verdictOnAll).toBe('genuine');
    expect(result.without).toHaveLength(1);
    expect(result.without[0].kept).toEqual([0, 1, 2]);
    expect(result.without[0].verdict).not.toBe('genuine');
    expect(result.verdict).toBe('refer');
    expect(audit.verdict).toBe('refer');
    expect(audit.unlikeReferences).toEqual([4]);
    expect(audit.verdictOnAll).toBe('genuine');
    // A genuine signature is accepted either way: the verdict stands.
    const own = await svc.verify('c1', scan('035', 10));
    expect(own.result.unlike).toEqual([3]);
    expect(own.result.verdictOnAll).toBe('genuine');
    expect(own.result.without[0].verdict).toBe('genuine');
    expect(own.result.verdict).toBe('genuine');
    // Without an unlike reference nothing is checked again.
    await svc.store.removeReference((await svc.store.listActiveReferences('c1'))[3].id);
    const clean = await svc.verify('c1', forgery);
    expect(clean.result.unlike).toEqual([]);
    expect(clean.result.without).toEqual([]);
    expect(clean.result.verdict).toBe(clean.result.verdictOnAll);
    expect(clean.audit.unlikeReferences).toBeUndefined();
  }, 120_000);

  it('computes the distances of one reference set once (the note after an enrolment, then the lists\' mark)', async () => {
    let passes = 0;
    class CountingDistances extends Verifier {
      override async distances(a: Float32Array[], b: Float32Array[]): Promise<number[][]> {
        passes++;
        return super.distances(a, b);
      }
    }
    const { svc, notes } = await service(new CountingDistances(model, card));
    await svc.enroll('c1', [scan('035', 1), scan('037', 1)]);
    expect(passes).toBe(1);
    expect(notes).toHaveLength(1);
    const unlike = await svc.unlikeReferences('c1');
    expect(unlike.map((u) => u.position)).toEqual([1, 2]);
    expect(passes).toBe(1);
    // Another set (a reference removed) is computed afresh; one reference needs no distances.
    await svc.store.removeReference(unlike[1].id);
    expect(await svc.unlikeReferences('c1')).toEqual([]);
    await svc.enroll('c1', [scan('035', 2)]);
    expect(passes).toBe(2);
  }, 120_000);

  it('with two references, says that they look unlike each other', async () => {
    const { svc, notes } = await service();
    // (Writer 036's first signature is nearer to 035's first than most other writers' are: 0.77 against a limit
    // of 0.87 with one reference each, so that pair is not flagged; among 4 of 035's references it is.)
    await svc.enroll('c1', [scan('035', 1), scan('037', 1)]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^References 1 \("035-1"\) and 2 \("037-1"\) look unlike each other/);
    notes.length = 0;
    await svc.enroll('c1', [scan('035', 2)]);
    // Three references now: 037-1 alone is far from the other two.
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^Reference 2 \("037-1"\) looks unlike this customer's other 2 drawn references/);
  }, 120_000);

  it('one reference gives no note', async () => {
    const { svc, notes } = await service();
    await svc.enroll('c1', [scan('036', 1)]);
    expect(notes).toEqual([]);
  }, 60_000);

  it('a check that fails (the device lost after embedding) keeps the enrolment and says so', async () => {
    // Fault injection: the distance pass fails, as a lost GPU's would, after the references were embedded and stored.
    class FailingDistances extends Verifier {
      override async distances(): Promise<number[][]> {
        throw new Error('the device went away');
      }
    }
    const { svc, notes } = await service(new FailingDistances(model, card));
    const added = await svc.enroll('c1', [scan('035', 1), scan('037', 1)]);
    expect(added).toHaveLength(2);
    expect(await svc.store.listActiveReferences('c1')).toHaveLength(2);
    expect(notes).toEqual(['The references were added, but could not be compared with each other: the device went away']);
  }, 60_000);

  it('checks drawn references among drawn ones and scanned among scanned ones', async () => {
    const { svc, notes } = await service();
    // Writer 037's scan stored as a file upload stores it; then four of writer 035's as pad inputs.
    const prepared = await svc.prepare(scan('037', 1));
    const [e] = await svc.runtime.verifier.embed([prepared.raster]);
    await svc.store.addReferences('c1', [
      { image: prepared.image, width: INPUT_WIDTH, height: INPUT_HEIGHT, embedding: e, modelId: card.id, modelVersion: card.version, preprocessVersion: svc.preprocessVersion, source: 'file', label: 'scan-037.png' },
    ]);
    await svc.enroll('c1', [1, 2, 3, 4].map((n) => scan('035', n)));
    // One scanned reference has nothing of its kind to be compared with; the four drawn ones agree.
    expect(notes).toEqual([]);
    // The same five, all of one kind, name writer 037's (the first test's case, other way round).
    const { svc: one, notes: oneNotes } = await service();
    await one.enroll('c1', [scan('037', 1), ...[1, 2, 3, 4].map((n) => scan('035', n))]);
    expect(oneNotes).toHaveLength(1);
    expect(oneNotes[0]).toMatch(/^Reference 1 \("037-1"\) looks unlike/);
  }, 120_000);
});
