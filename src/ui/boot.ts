import { backendFromUrl, parsePreference, type BackendPreference } from '../runtime/backends';
import { startRuntime, type RuntimeProgress } from '../runtime/runtime';
import { CountersignService } from '../runtime/service';
import { onDeviceLost } from '../runtime/deviceLoss';
import { reembedStale } from '../runtime/reembed';
import { installTestHook } from '../runtime/testHook';
import { appEvents, setReembedState } from './appEvents';
import { SETTING_BACKEND, SignatureStore } from '../storage';

export interface BootResult {
  store: SignatureStore | null;
  service: CountersignService | null;
  preference: BackendPreference;
  /** Why the app is not usable, if it is not. */
  error: unknown;
}

let booting: Promise<BootResult> | null = null;
const listeners = new Set<(p: RuntimeProgress) => void>();
let lastProgress: RuntimeProgress = { stage: 'adapter', fraction: 0, text: 'Starting…' };

/** Subscribes to start-up progress; returns the unsubscribe function. */
export function onBootProgress(fn: (p: RuntimeProgress) => void): () => void {
  listeners.add(fn);
  fn(lastProgress);
  return () => listeners.delete(fn);
}

/**
 * Opens the database, picks the backend (?backend= beats the saved setting), loads and warms
 * up the model. Runs once per page, however many times it is called.
 */
export function boot(): Promise<BootResult> {
  booting ??= run();
  return booting;
}

async function run(): Promise<BootResult> {
  let store: SignatureStore | null = null;
  let preference: BackendPreference = 'auto';
  try {
    let blocked = false;
    store = await SignatureStore.open({
      onBlocked: () => {
        blocked = true;
        appEvents.emit({ kind: 'db-blocked' });
      },
      onVersionChange: () => appEvents.emit({ kind: 'db-version-change' }),
      onTerminated: () => appEvents.emit({ kind: 'db-terminated' }),
    });
    if (blocked) appEvents.emit({ kind: 'db-unblocked' });
    preference = parsePreference(await store.getSetting(SETTING_BACKEND, 'auto'));
  } catch (err) {
    return { store, service: null, preference, error: err };
  }
  preference = backendFromUrl(location.search) ?? preference;
  try {
    const runtime = await startRuntime(preference, `${import.meta.env.BASE_URL}models/`, (p) => {
      lastProgress = p;
      listeners.forEach((fn) => fn(p));
    });
    const service = new CountersignService(runtime, store, (message) => appEvents.emit({ kind: 'input-note', message }));
    installTestHook(service);
    onDeviceLost((message) => appEvents.emit({ kind: 'device-lost', message }));
    void startReembed(service);
    return { store, service, preference, error: null };
  } catch (err) {
    return { store, service: null, preference, error: err };
  }
}

/**
 * Brings every stored reference to the current model in the background (resumable: each batch
 * is committed with the new version tag, so a reload carries on where this stopped).
 */
export async function startReembed(service: CountersignService): Promise<void> {
  const { card, verifier } = service.runtime;
  try {
    const result = await reembedStale(
      service.store,
      { modelId: card.id, modelVersion: card.version, preprocessVersion: card.preprocessing.version, embed: (r) => verifier.embed(r) },
      { batchSize: reembedBatchSize(), onProgress: (p) => setReembedState({ ...p, state: p.done < p.total ? 'running' : 'done' }) },
    );
    setReembedState({ ...result, state: 'done' });
  } catch (err) {
    setReembedState({ state: 'failed', done: 0, total: 0, skipped: 0, error: err instanceof Error ? err.message : String(err) });
  }
}

/** ?reembedBatch=N (tests) makes batches small enough to watch; 16 otherwise. */
function reembedBatchSize(): number {
  const n = Number(new URLSearchParams(location.search).get('reembedBatch'));
  return Number.isInteger(n) && n > 0 && n <= 64 ? n : 16;
}
