import { useCallback, useEffect, useState } from 'react';
import { auditToCsv } from '../../audit/csv';
import type { AuditRecord } from '../../storage';
import { useApp } from '../appContext';
import { downloadFile, fileStamp } from '../download';
import { useNotifier } from '../messages';
import { AuditTable } from './AuditTable';

const PAGE = 50;

/** Every verification, newest first, with notes; CSV export. */
export function AuditTab() {
  const { store, dataVersion } = useApp();
  const notify = useNotifier();
  const [rows, setRows] = useState<AuditRecord[] | null>(null);
  const [total, setTotal] = useState(0);
  const [more, setMore] = useState(false);

  useEffect(() => {
    let live = true;
    Promise.all([store.audit.list({ limit: PAGE }), store.audit.count()]).then(
      ([r, n]) => {
        if (!live) return;
        setRows(r);
        setTotal(n);
        setMore(r.length === PAGE);
      },
      (err) => live && notify.error(err),
    );
    return () => {
      live = false;
    };
  }, [store, dataVersion, notify]);

  const loadOlder = useCallback(async () => {
    if (!rows?.length) return;
    try {
      const older = await store.audit.list({ limit: PAGE, before: rows[rows.length - 1].time, beforeId: rows[rows.length - 1].id });
      setRows([...rows, ...older]);
      setMore(older.length === PAGE);
    } catch (err) {
      notify.error(err);
    }
  }, [rows, store, notify]);

  const exportCsv = async () => {
    try {
      const all = await store.audit.all();
      downloadFile(`countersign-audit-${fileStamp()}.csv`, auditToCsv(all), 'text/csv;charset=utf-8');
      notify.success(`Exported ${all.length} audit record(s) as CSV.`);
    } catch (err) {
      notify.error(err);
    }
  };

  return (
    <div className="tab-body audit-tab">
      <header className="row spread">
        <h2>
          Audit log <span className="count" data-testid="audit-count" data-count={total}>{total} verification(s)</span>
        </h2>
        <button type="button" className="primary" onClick={() => void exportCsv()} disabled={total === 0} data-testid="audit-export-csv">
          Export CSV
        </button>
      </header>
      <p className="hint">Every verification is recorded here with the questioned signature, the scores and the model that made the decision. Only the note can be changed.</p>
      {rows === null ? <p className="hint">Loading…</p> : <AuditTable rows={rows} />}
      {more && (
        <button type="button" onClick={() => void loadOlder()} data-testid="audit-load-older">
          Show older
        </button>
      )}
    </div>
  );
}
