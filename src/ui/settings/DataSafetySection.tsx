import { useCallback, useEffect, useState } from 'react';
import { useNotifier } from '../messages';
import { formatBytes } from './formatBytes';

interface StorageState {
  supported: boolean;
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

async function readState(): Promise<StorageState> {
  const s = navigator.storage;
  if (!s) return { supported: false, persisted: null, usage: null, quota: null };
  const [persisted, est] = await Promise.all([s.persisted?.().catch(() => null) ?? null, s.estimate?.().catch(() => null) ?? null]);
  return { supported: true, persisted, usage: est?.usage ?? null, quota: est?.quota ?? null };
}

/** Persistent-storage request and its result, and how much of the quota is used. */
export function DataSafetySection() {
  const notify = useNotifier();
  const [st, setSt] = useState<StorageState | null>(null);

  const refresh = useCallback(() => readState().then(setSt), []);

  const request = useCallback(
    async (quiet: boolean) => {
      try {
        const granted = (await navigator.storage?.persist?.()) ?? false;
        if (!quiet) {
          if (granted) notify.success('The browser will keep this data until you delete it (persistent storage granted).');
          else notify.info('The browser did not grant persistent storage: it may clear this data when the disk is nearly full. Install the app or bookmark it, then try again, and keep backups.');
        }
      } catch (err) {
        if (!quiet) notify.error(err);
      }
      await refresh();
    },
    [notify, refresh],
  );

  useEffect(() => {
    // Ask once on opening; the browser decides without a prompt in most cases.
    void readState().then((s) => (s.persisted === false ? request(true) : setSt(s)));
  }, [request]);

  const pct = st?.usage != null && st.quota ? (st.usage / st.quota) * 100 : null;
  return (
    <section data-testid="data-safety">
      <h2>Data safety</h2>
      <p className="hint">Customers, references and the audit log are kept in this browser only (IndexedDB). Keep a backup (below) on separate media.</p>
      <dl className="details">
        <dt>Persistent storage</dt>
        <dd data-testid="persist-status" data-persisted={st?.persisted == null ? 'unknown' : String(st.persisted)}>
          {!st ? '…' : !st.supported ? 'not supported by this browser' : st.persisted ? 'granted: the browser will not clear this data by itself' : 'not granted: the browser may clear this data under storage pressure'}{' '}
          {st?.supported && !st.persisted && (
            <button type="button" className="small" onClick={() => void request(false)} data-testid="persist-request">
              Ask again
            </button>
          )}
        </dd>
        <dt>Space used</dt>
        <dd data-testid="quota-usage" data-usage={st?.usage ?? ''} data-quota={st?.quota ?? ''}>
          {st?.usage != null && st.quota != null ? (
            <>
              {formatBytes(st.usage)} of {formatBytes(st.quota)} ({pct!.toFixed(pct! < 1 ? 2 : 0)}%) <meter min={0} max={st.quota} value={st.usage} />
            </>
          ) : (
            'unknown'
          )}
        </dd>
      </dl>
    </section>
  );
}
