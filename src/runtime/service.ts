import { decodeImageBlob } from '../capture/decode';
import { INPUT_HEIGHT, INPUT_WIDTH, PREPROCESS_VERSION, PreprocessError, preprocess, type PixelImage } from '../preprocessing';
import { MAX_REFERENCES, type ReferenceRecord, type ReferenceSource, type SignatureStore } from '../storage';
import { AppError } from './errors';
import { evaluateVerification, pairSimilarity, type VerificationResult } from './evaluate';
import { dequantiseRaster, quantiseRaster } from './raster';
import type { Runtime } from './runtime';

/** A signature given by the teller: a file (picked, dropped or pasted) or the pad's pixels. */
export type SignatureInput =
  | { kind: 'blob'; blob: Blob; name: string; source: Exclude<ReferenceSource, 'pad'> }
  | { kind: 'pixels'; pixels: PixelImage; name: string; source: 'pad' };

/** A signature after preprocessing: what the model sees. */
export interface PreparedSignature {
  name: string;
  source: ReferenceSource;
  /** INPUT_HEIGHT x INPUT_WIDTH, 0..255, ink bright (as stored). */
  image: Uint8Array;
  /** The same as floats in [0, 1], the model input. */
  raster: Float32Array;
}

/** Several inputs failed; `messages` has one line per input. Nothing was stored. */
export class InputBatchError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join('\n'));
    this.name = 'InputBatchError';
  }
}

export interface VerifyOutcome {
  result: VerificationResult;
  questioned: PreparedSignature;
  references: ReferenceRecord[];
  /** References whose embeddings were recomputed for the current model. */
  reembedded: number;
}

export interface DemoOutcome {
  items: PreparedSignature[];
  distances: number[][];
  similarities: number[][];
}

/** The app's workflows: enroll, verify, demo. UI-free; errors carry teller-facing messages. */
export class CountersignService {
  constructor(
    readonly runtime: Runtime,
    readonly store: SignatureStore,
  ) {}

  get card() {
    return this.runtime.card;
  }

  /** Decodes (files) and preprocesses one input; errors name the input. */
  async prepare(input: SignatureInput): Promise<PreparedSignature> {
    const pixels = input.kind === 'blob' ? await decodeImageBlob(input.blob, input.name) : input.pixels;
    let data: Float32Array;
    try {
      data = preprocess(pixels).data;
    } catch (err) {
      if (err instanceof PreprocessError) {
        const who = input.kind === 'pixels' ? 'The drawing' : `"${input.name}"`;
        throw new PreprocessError(err.code, `${who}: ${err.message}`);
      }
      throw err;
    }
    if (data.length !== INPUT_HEIGHT * INPUT_WIDTH) throw new RangeError('preprocessing returned a raster of the wrong size');
    const image = quantiseRaster(data);
    return { name: input.name, source: input.source, image, raster: dequantiseRaster(image) };
  }

  /** Prepares every input; throws InputBatchError listing every failure if any fails. */
  async prepareAll(inputs: readonly SignatureInput[]): Promise<PreparedSignature[]> {
    const ok: PreparedSignature[] = [];
    const failed: string[] = [];
    for (const input of inputs) {
      try {
        ok.push(await this.prepare(input));
      } catch (err) {
        failed.push(err instanceof Error ? err.message : String(err));
      }
    }
    if (failed.length === 1 && inputs.length === 1) throw new InputBatchError(failed);
    if (failed.length) {
      throw new InputBatchError([
        `${failed.length} of ${inputs.length} images could not be used, so none were added:`,
        ...failed,
      ]);
    }
    return ok;
  }

  /** Adds references to a customer, all or none. */
  async enroll(customerId: string, inputs: readonly SignatureInput[]): Promise<ReferenceRecord[]> {
    if (inputs.length === 0) return [];
    await this.store.assertRoomFor(customerId, inputs.length);
    const prepared = await this.prepareAll(inputs);
    const embeddings = await this.runtime.verifier.embed(prepared.map((p) => p.raster));
    const { card } = this.runtime;
    return this.store.addReferences(
      customerId,
      prepared.map((p, i) => ({
        image: p.image,
        width: INPUT_WIDTH,
        height: INPUT_HEIGHT,
        embedding: embeddings[i],
        modelId: card.id,
        modelVersion: card.version,
        preprocessVersion: PREPROCESS_VERSION,
        source: p.source,
        label: p.name,
      })),
    );
  }

  /**
   * Re-embeds references made by another model version from their stored rasters, and saves
   * the new embeddings. References made with other preprocessing cannot be reused.
   */
  async ensureCurrent(refs: readonly ReferenceRecord[]): Promise<{ refs: ReferenceRecord[]; reembedded: number }> {
    const { card, verifier } = this.runtime;
    const oldPre = refs.filter((r) => r.preprocessVersion !== PREPROCESS_VERSION);
    if (oldPre.length) {
      throw new AppError(
        'stale-preprocessing',
        `${oldPre.length} reference signature(s) were prepared with older preprocessing (${oldPre[0].preprocessVersion}); the current model needs ${PREPROCESS_VERSION}. Remove them and enroll them again.`,
      );
    }
    const stale = refs.filter((r) => r.modelId !== card.id || r.modelVersion !== card.version);
    if (!stale.length) return { refs: [...refs], reembedded: 0 };
    const fresh = await verifier.embed(stale.map((r) => dequantiseRaster(r.image)));
    const updates = stale.map((r, i) => ({ id: r.id, embedding: fresh[i], modelId: card.id, modelVersion: card.version }));
    await this.store.updateEmbeddings(updates);
    const byId = new Map(updates.map((u) => [u.id, u]));
    return {
      refs: refs.map((r) => (byId.has(r.id) ? { ...r, ...byId.get(r.id)! } : r)),
      reembedded: stale.length,
    };
  }

  async verify(customerId: string, input: SignatureInput, operatingPoint?: string | null): Promise<VerifyOutcome> {
    const customer = await this.store.getCustomer(customerId);
    if (!customer) throw new AppError('no-customer', `There is no customer with id "${customerId}". Pick a customer from the list.`);
    const stored = await this.store.listReferences(customerId);
    if (stored.length === 0) {
      throw new AppError(
        'no-references',
        `${customer.name} (${customer.id}) has no reference signatures yet, so there is nothing to compare with. Enroll 1 to ${MAX_REFERENCES} references on the Enroll tab first.`,
      );
    }
    const { refs, reembedded } = await this.ensureCurrent(stored);
    const questioned = await this.prepare(input);
    const { verifier, card } = this.runtime;
    const [q] = await verifier.embed([questioned.raster]);
    const refEmb = refs.map((r) => r.embedding);
    const [toRefs] = await verifier.distances([q], refEmb);
    const refMatrix = refs.length > 1 ? await verifier.distances(refEmb, refEmb) : [[0]];
    const result = evaluateVerification(toRefs, refMatrix, card.decision, operatingPoint);
    return { result, questioned, references: refs, reembedded };
  }

  /** Pairwise distances and similarities of 2+ signatures; nothing is stored. */
  async compare(items: readonly PreparedSignature[], operatingPoint?: string | null): Promise<DemoOutcome> {
    if (items.length < 2) throw new AppError('too-few-images', 'Add at least two signature images to compare.');
    const { verifier, card } = this.runtime;
    const emb = await verifier.embed(items.map((p) => p.raster));
    const distances = await verifier.distances(emb, emb);
    const similarities = distances.map((row, i) => row.map((d, j) => (i === j ? 1 : pairSimilarity(d, card.decision, operatingPoint))));
    return { items: [...items], distances, similarities };
  }
}
