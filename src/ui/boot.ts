import { backendFromUrl, parsePreference, type BackendPreference } from '../runtime/backends';
import { startRuntime, type RuntimeProgress } from '../runtime/runtime';
import { CountersignService } from '../runtime/service';
import { installTestHook } from '../runtime/testHook';
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
    store = await SignatureStore.open({
      onVersionChange: () => {
        alert('Countersign was updated in another tab. This tab will reload.');
        location.reload();
      },
    });
    preference = parsePreference(await store.getSetting(SETTING_BACKEND, 'auto'));
  } catch (err) {
    return { store, service: null, preference, error: err };
  }
  preference = backendFromUrl(location.search) ?? preference;
  void navigator.storage?.persist?.().catch(() => false);
  try {
    const runtime = await startRuntime(preference, `${import.meta.env.BASE_URL}models/`, (p) => {
      lastProgress = p;
      listeners.forEach((fn) => fn(p));
    });
    const service = new CountersignService(runtime, store);
    installTestHook(service);
    return { store, service, preference, error: null };
  } catch (err) {
    return { store, service: null, preference, error: err };
  }
}
