import type { Stroke } from '../capture/strokes';
import { decodeImageBlob } from '../capture/decode';
import { INPUT_HEIGHT, INPUT_WIDTH, PreprocessError, keepsOwnStrokes, penMatchFor, preprocess, strokeWidthOf, type PenMatch, type PixelImage, type PreprocessVersion } from '../preprocessing';
import { orientationMatchFor, type OrientationMatch } from '../preprocessing/orientation';
import { BROADER_PEN_FACTOR, penBroadeningFor, type PenBroadening } from '../preprocessing/penBroadening';
import { MAX_REFERENCES, type AuditRecord, type ReferenceRecord, type ReferenceSource, type SignatureStore } from '../storage';
import { deviceLostMessage } from './deviceLoss';
import { AppError } from './errors';
import { evaluateVerification, pairSimilarity, type VerificationResult } from './evaluate';
import { DEFAULT_POLICY, ruleWithPolicy, type DecisionPolicy } from './policy';
import { dequantiseRaster, quantiseRaster } from './raster';
import type { Runtime } from './runtime';
import { embeddingChecksum, enrolmentNotes, unlikeAmong, type UnlikeReference } from './unlikeReferences';

/** A signature given by the teller: a file (picked, dropped or pasted) or the pad's pixels. */
export type SignatureInput =
  | { kind: 'blob'; blob: Blob; name: string; source: Exclude<ReferenceSource, 'pad'> }
  | { kind: 'pixels'; pixels: PixelImage; name: string; source: 'pad'; strokes?: Stroke[] };

/** A signature after preprocessing: what the model sees. */
export interface PreparedSignature {
  name: string;
  source: ReferenceSource;
  /** INPUT_HEIGHT x INPUT_WIDTH, 0..255, ink bright (as stored). */
  image: Uint8Array;
  /** The same as floats in [0, 1], the model input. */
  raster: Float32Array;
  /** Pen strokes with pressure and timing, for a drawing: kept with the reference as evidence. */
  strokes?: Stroke[];
  /** What it was prepared from, so that it can be redrawn with another pen (demo pen matching). Never stored. */
  input?: SignatureInput;
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
  /** The audit log entry of this verification. */
  audit: AuditRecord;
  /** Set when the questioned signature was redrawn with the references' pen (other domain). */
  penMatch: PenMatch | null;
  /**
   * Set when a rejected signature sits at another angle than its references and, turned to their
   * orientation, would not be rejected: the verdict stands (a different slant is a forger's cue too),
   * the teller is told to straighten the page if it was askew and verify again.
   */
  orientation: OrientationAdvice | null;
  /**
   * Set when the questioned signature was written with a broader pen than its references (same domain): they were
   * broadened to its pen before comparing (penBroadeningFor), so the pen itself does not count against it.
   */
  penBroadening: Omit<PenBroadening, 'rasters'> | null;
}

/** A rejection that hangs on the page's angle (VerifyOutcome.orientation). */
export interface OrientationAdvice extends OrientationMatch {
  /** The verdict and score with the questioned signature turned to the references' orientation. */
  verdict: 'genuine' | 'refer';
  score: number;
}

/** A demo pair of a drawing and an image of paper, compared with the drawing redrawn in the image's pen. */
export interface DemoPenMatch {
  /** Index of the drawing. */
  drawn: number;
  /** Index of the scanned or photographed signature whose pen was matched. */
  scanned: number;
  penWidth: number;
}

export interface DemoOutcome {
  items: PreparedSignature[];
  distances: number[][];
  similarities: number[][];
  /** The drawing/scan pairs whose distance was measured with pen matching (pp1 models). */
  penMatched: DemoPenMatch[];
}

/** How messages name an input: a file by its name, a pad drawing as "The drawing". */
function inputLabel(input: SignatureInput): string {
  return input.kind === 'pixels' ? 'The drawing' : `"${input.name}"`;
}


/** Reference sets whose distances are kept (a teller works on a few customers at a time). */
const DISTANCE_CACHE_SIZE = 16;

/** The app's workflows: enroll, verify, demo. UI-free; errors carry teller-facing messages. */
export class CountersignService {
  /** Pairwise distances of recent reference sets (referenceDistances). */
  private readonly distanceCache = new Map<string, number[][]>();
  /** Stroke widths of stored references by id (penBroadening). */
  private readonly referenceWidths = new Map<string, number>();

  constructor(
    readonly runtime: Runtime,
    readonly store: SignatureStore,
    /**
     * Hears what the teller should know about an input that was still used (a multi-page TIFF read
     * from page 1; a printed signature line or a patterned background left out).
     */
    private readonly note: (text: string) => void = () => undefined,
  ) {}

  get card() {
    return this.runtime.card;
  }

  /** The preprocessing the loaded model was trained with (checked when it was loaded). */
  get preprocessVersion(): PreprocessVersion {
    return this.runtime.card.preprocessing.version as PreprocessVersion;
  }

  /**
   * Decodes (files) and preprocesses one input; errors name the input. `penWidth`: redraw the
   * centre line with this pen (pen matching, see penMatchFor).
   */
  async prepare(input: SignatureInput, penWidth?: number): Promise<PreparedSignature> {
    return this.preprocessInput(input, await this.decode(input), { penWidth });
  }

  /** The input's pixels: files through the browser's decoders, pad drawings as they are. */
  private async decode(input: SignatureInput): Promise<PixelImage> {
    return input.kind === 'blob' ? decodeImageBlob(input.blob, input.name, this.note) : input.pixels;
  }

  /**
   * The model input of decoded pixels (prepare's second half, so a redraw needs no second decode);
   * `again` options: pen matching's width, orientation matching's turn.
   */
  private preprocessInput(input: SignatureInput, pixels: PixelImage, again: { penWidth?: number; rotateDeg?: number } = {}): PreparedSignature {
    let data: Float32Array;
    const first = again.penWidth === undefined && again.rotateDeg === undefined;
    try {
      const pre = preprocess(pixels, { version: this.preprocessVersion, ...again });
      data = pre.data;
      // Said once per input: a pen-matched or turned redraw prepares the same pixels a second time.
      if (pre.ruledLines > 0 && first) {
        this.note(`${inputLabel(input)}: ${pre.ruledLines === 1 ? 'a printed line' : `${pre.ruledLines} printed lines`} under the signature (a cheque's or form's signature line) left out; only the handwriting is compared.`);
      }
      if (pre.patternedBackground && first) {
        this.note(`${inputLabel(input)}: a patterned or textured background (a cheque's security print?) was left out; only strokes darker than it count as ink. Check that the signature's picture shows the whole signature.`);
      }
    } catch (err) {
      if (err instanceof PreprocessError) {
        throw new PreprocessError(err.code, `${inputLabel(input)}: ${err.message}`);
      }
      throw err;
    }
    if (data.length !== INPUT_HEIGHT * INPUT_WIDTH) throw new RangeError('preprocessing returned a raster of the wrong size');
    const image = quantiseRaster(data);
    return { name: input.name, source: input.source, image, raster: dequantiseRaster(image), input, ...(input.kind === 'pixels' && input.strokes ? { strokes: input.strokes } : {}) };
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
    this.assertDevice();
    const prepared = await this.prepareAll(inputs);
    let embeddings: Float32Array[];
    try {
      embeddings = await this.runtime.verifier.embed(prepared.map((p) => p.raster));
      this.assertDevice();
    } catch (err) {
      throw this.deviceError(err);
    }
    const { card } = this.runtime;
    const added = await this.store.addReferences(
      customerId,
      prepared.map((p, i) => ({
        image: p.image,
        width: INPUT_WIDTH,
        height: INPUT_HEIGHT,
        embedding: embeddings[i],
        modelId: card.id,
        modelVersion: card.version,
        preprocessVersion: this.preprocessVersion,
        source: p.source,
        label: p.name,
        ...(p.strokes ? { strokes: p.strokes } : {}),
      })),
    );
    await this.checkConsistency(customerId, added);
    return added;
  }

  /**
   * The customer's active references that the others of their kind would be far from accepting
   * (verification/consistency.ts): another writer's signature among them widens the acceptance
   * region for forgeries. Drawn references are checked among drawn ones and scanned among scanned
   * ones (a pad's pen alone makes a drawing look unlike scans; verify pen-matches, this does not).
   */
  async unlikeReferences(customerId: string): Promise<UnlikeReference[]> {
    const { refs, matrix } = await this.referenceDistances(customerId);
    return unlikeAmong(refs, matrix, this.runtime.card.decision);
  }

  /**
   * The active references (current embeddings) and their pairwise distances. The distances of the
   * last few reference sets are kept (keyed by the model and each reference's id and embedding), so
   * the list's mark after an enrolment does not compute again what the enrolment's note just did.
   */
  private async referenceDistances(customerId: string): Promise<{ refs: ReferenceRecord[]; matrix: number[][] }> {
    const stored = await this.store.listActiveReferences(customerId);
    if (stored.length < 2) return { refs: stored, matrix: [] };
    try {
      const { refs } = await this.ensureCurrent(stored);
      const { card } = this.runtime;
      const key = [`${card.id}@${card.version}`, ...refs.map((r) => `${r.id}:${embeddingChecksum(r.embedding)}`)].join('|');
      let matrix = this.distanceCache.get(key);
      if (!matrix) {
        const embeddings = refs.map((r) => r.embedding);
        matrix = await this.runtime.verifier.distances(embeddings, embeddings);
        this.distanceCache.set(key, matrix);
        if (this.distanceCache.size > DISTANCE_CACHE_SIZE) this.distanceCache.delete(this.distanceCache.keys().next().value!);
      }
      return { refs, matrix };
    } catch (err) {
      throw this.deviceError(err);
    }
  }

  /**
   * Tells the teller about unlikeReferences after an enrolment (which ones: enrolmentNotes). Never throws: the
   * references are stored by then.
   */
  private async checkConsistency(customerId: string, added: readonly ReferenceRecord[]): Promise<void> {
    let notes: string[];
    try {
      const { refs, matrix } = await this.referenceDistances(customerId);
      notes = enrolmentNotes(refs, matrix, this.runtime.card.decision, new Set(added.map((r) => r.id)));
    } catch (err) {
      this.note(`The references were added, but could not be compared with each other: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    for (const text of notes) this.note(text);
  }

  /**
   * Re-embeds references made by another model version from their stored rasters, and saves
   * the new embeddings. References made with other preprocessing cannot be reused.
   */
  async ensureCurrent(refs: readonly ReferenceRecord[]): Promise<{ refs: ReferenceRecord[]; reembedded: number }> {
    const { card, verifier } = this.runtime;
    const need = this.preprocessVersion;
    const oldPre = refs.filter((r) => r.preprocessVersion !== need);
    if (oldPre.length) {
      throw new AppError(
        'stale-preprocessing',
        `${oldPre.length} reference signature(s) were prepared with other preprocessing (${oldPre[0].preprocessVersion}); the current model needs ${need}. Remove them and enroll them again.`,
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

  /**
   * Verifies a questioned signature against the customer's active references and records it in
   * the audit log. A verification that cannot be recorded is not shown (it throws).
   * `policy` may be an operating point name (older callers) or a full DecisionPolicy.
   */
  async verify(
    customerId: string,
    input: SignatureInput,
    policy: DecisionPolicy | string | null = DEFAULT_POLICY,
    channel: AuditRecord['channel'] = 'teller',
  ): Promise<VerifyOutcome> {
    const pol: DecisionPolicy = policy !== null && typeof policy === 'object' ? policy : { operatingPoint: policy ?? null, referBand: null };
    this.assertDevice();
    // Decoding and preprocessing (main thread) run while the store is read (IndexedDB works off
    // the main thread); a missing customer or reference is still the error reported first.
    const decoding = this.decode(input);
    const preparing = decoding.then((pixels) => this.preprocessInput(input, pixels));
    preparing.catch(() => undefined);
    const customer = await this.store.getCustomer(customerId);
    if (!customer) throw new AppError('no-customer', `There is no customer with id "${customerId}". Pick a customer from the list.`);
    const stored = await this.store.listActiveReferences(customerId);
    if (stored.length === 0) {
      throw new AppError(
        'no-references',
        `${customer.name} (${customer.id}) has no reference signatures yet, so there is nothing to compare with. Enroll 1 to ${MAX_REFERENCES} references on the Enroll tab first.`,
      );
    }
    // A drawing checked against scans (or a scan against drawings) is redrawn with the
    // references' pen from the same decoded pixels; the first preparation then only reports
    // input errors early.
    const penMatch = this.penMatch(input, stored);
    const questioned = penMatch ? (await preparing, this.preprocessInput(input, await decoding, { penWidth: penMatch.penWidth })) : await preparing;
    const { verifier, card } = this.runtime;
    let refs: ReferenceRecord[];
    let reembedded: number;
    let toRefs: number[];
    let refMatrix: number[][];
    let broadening: PenBroadening | null = null;
    let refEmbeddings: Float32Array[];
    try {
      ({ refs, reembedded } = await this.ensureCurrent(stored));
      // A broader pen than the references' (a gel pen or felt-tip on the cheque): the references at its width.
      broadening = penMatch ? null : this.penBroadening(input, questioned, refs);
      refEmbeddings = broadening ? await verifier.embed(broadening.rasters) : refs.map((r) => r.embedding);
      // Embedding and both distance sets in one pass on the device, one read-back.
      ({ toRefs, refMatrix } = await verifier.compare(questioned.raster, refEmbeddings));
      this.assertDevice();
    } catch (err) {
      throw this.deviceError(err);
    }
    // A reference unlike the others among those compared with (broadened ones where broadened): a verdict that hangs
    // on it is referred.
    const unlike = unlikeAmong(refs, refMatrix, card.decision).map((u) => u.position - 1);
    const result = evaluateVerification(toRefs, refMatrix, ruleWithPolicy(card.decision, pol), pol.operatingPoint, unlike);
    // A rejection of a signature at another angle than its references: would it stand with the page straight?
    let orientation: OrientationAdvice | null = null;
    const turn = result.verdict === 'forged' ? this.orientationMatch(questioned, refs) : null;
    if (turn) {
      const straightened = this.preprocessInput(input, await decoding, { penWidth: penMatch?.penWidth, rotateDeg: turn.rotateDeg });
      let turnedToRefs: number[];
      try {
        ({ toRefs: turnedToRefs } = await verifier.compare(straightened.raster, refEmbeddings));
        this.assertDevice();
      } catch (err) {
        throw this.deviceError(err);
      }
      const turned = evaluateVerification(turnedToRefs, refMatrix, ruleWithPolicy(card.decision, pol), pol.operatingPoint, unlike);
      if (turned.verdict !== 'forged') orientation = { ...turn, verdict: turned.verdict, score: turned.score };
    }
    const audit = await this.store.audit.add({
      time: Date.now(),
      customerId: customer.id,
      customerName: customer.name,
      verdict: result.verdict,
      score: result.score,
      threshold: result.threshold,
      referBand: result.referBand,
      operatingPoint: pol.operatingPoint,
      distances: result.distances,
      referenceIds: refs.map((r) => r.id),
      modelId: card.id,
      modelVersion: card.version,
      backend: this.runtime.info?.backend ?? 'unknown',
      channel,
      thumbnail: questioned.image,
      width: INPUT_WIDTH,
      height: INPUT_HEIGHT,
      ...(penMatch ? { penWidth: penMatch.penWidth } : {}),
      ...(orientation ? { rotateDeg: Math.round(orientation.rotateDeg * 10) / 10, turnedVerdict: orientation.verdict } : {}),
      ...(broadening ? { broaderPen: Math.round(broadening.ratio * 100) / 100 } : {}),
      ...(result.unlike.length ? { unlikeReferences: result.unlike.map((i) => i + 1), verdictOnAll: result.verdictOnAll } : {}),
    });
    const penBroadening = broadening && { ratio: broadening.ratio, radii: broadening.radii };
    return { result, questioned, references: refs, reembedded, audit, penMatch, orientation, penBroadening };
  }

  /**
   * Orientation matching of a prepared questioned signature against these references (their stored model
   * inputs; orientationMatchFor): the turn to their orientation, or null when it is within a writer's own.
   * Only ever advice: turning every questioned signature to its references' slant tripled the skilled
   * forgeries accepted on cedar-dev (docs/scan-conditions.md).
   */
  orientationMatch(questioned: PreparedSignature, refs: readonly ReferenceRecord[]): OrientationMatch | null {
    const usable = refs.filter((r) => r.width === INPUT_WIDTH && r.height === INPUT_HEIGHT);
    return orientationMatchFor(questioned.image, usable.map((r) => r.image), INPUT_WIDTH, INPUT_HEIGHT);
  }

  /**
   * The references broadened to a broader questioned pen (penBroadeningFor): pp1 models only, and only where every
   * reference comes from the questioned signature's own domain (a drawing against drawings, paper against paper).
   * Broadening the references, not thinning the questioned signature, is what measured well
   * (docs/scan-conditions.md, "A broader pen").
   */
  penBroadening(input: SignatureInput, questioned: PreparedSignature, refs: readonly ReferenceRecord[]): PenBroadening | null {
    if (!this.pensMatter) return null;
    if (refs.some((r) => r.width !== INPUT_WIDTH || r.height !== INPUT_HEIGHT || (r.source === 'pad') !== (input.source === 'pad'))) return null;
    const widths = refs.map((r) => {
      // A stored reference's image never changes: its stroke width is measured once per session.
      let w = this.referenceWidths.get(r.id);
      if (w === undefined) this.referenceWidths.set(r.id, (w = strokeWidthOf(r.image, INPUT_WIDTH, INPUT_HEIGHT, 255)));
      return w;
    });
    return penBroadeningFor(questioned.raster, refs.map((r) => r.image), INPUT_WIDTH, INPUT_HEIGHT, 255, BROADER_PEN_FACTOR, widths);
  }

  /**
   * Pen matching for this input against these references: only for pp1 models (pp2 redraws
   * every signature with one pen anyway) and only across domains (penMatchFor).
   */
  penMatch(input: SignatureInput, refs: readonly ReferenceRecord[]): PenMatch | null {
    if (!this.pensMatter) return null;
    const usable = refs.filter((r) => r.width === INPUT_WIDTH && r.height === INPUT_HEIGHT);
    return penMatchFor(
      input.source === 'pad',
      usable.map((r) => ({ drawn: r.source === 'pad', image: r.image })),
      INPUT_WIDTH,
      INPUT_HEIGHT,
    );
  }

  /** pp1 keeps each signature's own pen; pp2 redraws every signature with one pen, so there is nothing to match. */
  private get pensMatter(): boolean {
    return keepsOwnStrokes(this.preprocessVersion);
  }

  /** Throws AppError('device-lost') once the WebGPU device is gone. */
  private assertDevice(): void {
    const lost = deviceLostMessage();
    if (lost) throw new AppError('device-lost', lost);
  }

  /** A computation error after a device loss becomes the clear device-lost message. */
  private deviceError(err: unknown): unknown {
    const lost = deviceLostMessage();
    return lost && !(err instanceof AppError && err.code === 'device-lost') ? new AppError('device-lost', lost, { cause: err }) : err;
  }

  /** Pairwise distances and similarities of 2+ signatures; nothing is stored. */
  async compare(items: readonly PreparedSignature[], operatingPoint?: string | null): Promise<DemoOutcome> {
    if (items.length < 2) throw new AppError('too-few-images', 'Add at least two signature images to compare.');
    const { verifier, card } = this.runtime;
    let distances: number[][];
    let penMatched: DemoPenMatch[];
    try {
      const emb = await verifier.embed(items.map((p) => p.raster));
      distances = await verifier.distances(emb, emb);
      penMatched = await this.penMatchPairs(items, emb, distances);
      this.assertDevice();
    } catch (err) {
      throw this.deviceError(err);
    }
    const similarities = distances.map((row, i) => row.map((d, j) => (i === j ? 1 : pairSimilarity(d, card.decision, operatingPoint))));
    return { items: [...items], distances, similarities, penMatched };
  }

  /**
   * The demo's pairs of a drawing and an image of paper, as verification treats them: the
   * drawing is redrawn with the pen width measured on the image (penMatchFor with that one
   * reference) and the pair's distance, in `distances` (both halves), is replaced by that one.
   */
  private async penMatchPairs(items: readonly PreparedSignature[], emb: Float32Array[], distances: number[][]): Promise<DemoPenMatch[]> {
    if (!this.pensMatter) return [];
    // Each image of paper's pen, measured once (null for drawings and images without ink).
    const pens = items.map((b) => (b.source === 'pad' ? null : (penMatchFor(true, [{ drawn: false, image: b.image }], INPUT_WIDTH, INPUT_HEIGHT)?.penWidth ?? null)));
    const pairs: DemoPenMatch[] = [];
    items.forEach((a, i) => {
      if (a.source !== 'pad' || !a.input) return;
      pens.forEach((penWidth, j) => penWidth !== null && pairs.push({ drawn: i, scanned: j, penWidth }));
    });
    if (!pairs.length) return [];
    // One redrawing per drawing and pen width, embedded together, measured against every item.
    const key = (p: DemoPenMatch) => `${p.drawn}@${p.penWidth}`;
    const redraws = [...new Map(pairs.map((p) => [key(p), p])).values()];
    const redrawn = await Promise.all(redraws.map((p) => this.prepare(items[p.drawn].input!, p.penWidth)));
    const d = await this.runtime.verifier.distances(await this.runtime.verifier.embed(redrawn.map((r) => r.raster)), emb);
    const row = new Map(redraws.map((p, n) => [key(p), d[n]]));
    for (const p of pairs) distances[p.drawn][p.scanned] = distances[p.scanned][p.drawn] = row.get(key(p))![p.scanned];
    return pairs;
  }
}
