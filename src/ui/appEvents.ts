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

function hub<T>() {
  const listeners = new Set<Listener<T>>();
  const past: T[] = [];
  return {
    emit(v: T) {
      past.push(v);
      listeners.forEach((fn) => fn(v));
    },
    /** Subscribes; replays what happened before (start-up events precede the UI). */
    on(fn: Listener<T>) {
      past.forEach(fn);
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
  };
}

export const appEvents = hub<AppEvent>();

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
