import type { ReembedProgress } from '../runtime/reembed';

/** App-wide notices raised outside React (database connection, background re-embedding, inputs). */
export type AppEvent =
  | { kind: 'db-blocked' }
  | { kind: 'db-unblocked' }
  | { kind: 'db-version-change' }
  | { kind: 'db-terminated' }
  | { kind: 'device-lost'; message: string }
  /** An input was used, with something the teller should know (e.g. a multi-page TIFF read from page 1). */
  | { kind: 'input-note'; message: string };

type Listener<T> = (v: T) => void;

/**
 * A listener set that replays kept events to later subscribers. `keep` says which events are
 * state worth replaying (start-up events precede the UI); the others are only delivered live, so
 * the history stays bounded by the app's few state changes, not by how many inputs it reads.
 */
export function hub<T>(keep: (v: T) => boolean = () => true) {
  const listeners = new Set<Listener<T>>();
  const past: T[] = [];
  return {
    emit(v: T) {
      if (keep(v)) past.push(v);
      listeners.forEach((fn) => fn(v));
    },
    /** Subscribes; replays the kept events that happened before. */
    on(fn: Listener<T>) {
      past.forEach(fn);
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
  };
}

/** Which app events a late subscriber gets replayed: not input notes, which concern the input just used
 * (a listener present at the time has shown them). */
export const replayedToLateSubscribers = (e: AppEvent) => e.kind !== 'input-note';

export const appEvents = hub<AppEvent>(replayedToLateSubscribers);

export interface ReembedState extends ReembedProgress {
  state: 'idle' | 'running' | 'done' | 'failed';
  error?: string;
}

let reembed: ReembedState = { state: 'idle', done: 0, total: 0, skipped: 0 };
const reembedListeners = new Set<Listener<ReembedState>>();

export function setReembedState(s: ReembedState): void {
  reembed = s;
  reembedListeners.forEach((fn) => fn(s));
}

export function onReembedState(fn: Listener<ReembedState>): () => void {
  fn(reembed);
  reembedListeners.add(fn);
  return () => void reembedListeners.delete(fn);
}
