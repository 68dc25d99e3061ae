import type { BackupSummary, ImportMode, ImportPlan } from '../../backup';

interface Props {
  fileName: string;
  summary: BackupSummary;
  mode: ImportMode;
  plan: ImportPlan | null;
  busy: boolean;
  onMode(m: ImportMode): void;
  onConfirm(): void;
  onCancel(): void;
}

/** What the chosen backup holds and what importing it would change. */
export function ImportPreview({ fileName, summary, mode, plan, busy, onMode, onConfirm, onCancel }: Props) {
  const row = (label: string, key: 'customers' | 'references' | 'audit') => (
    <tr>
      <th scope="row">{label}</th>
      <td>{summary.counts[key]}</td>
      <td data-testid={`preview-${key}-add`}>{plan ? plan[key].add : '–'}</td>
      <td>{plan ? (mode === 'merge' ? plan[key].keep : plan[key].remove) : '–'}</td>
    </tr>
  );
  return (
    <div className="import-preview" data-testid="import-preview">
      <h3>Import “{fileName}”</h3>
      <p className="hint">
        Made {new Date(summary.createdAt).toLocaleString()} with model {summary.modelId} v{summary.modelVersion}; checksum verified ({summary.checksum.slice(0, 12)}…).
      </p>
      <fieldset className="row">
        <legend>Mode</legend>
        <label>
          <input type="radio" name="import-mode" checked={mode === 'merge'} onChange={() => onMode('merge')} data-testid="import-mode-merge" /> Merge: add what is new,
          keep everything stored
        </label>
        <label>
          <input type="radio" name="import-mode" checked={mode === 'replace'} onChange={() => onMode('replace')} data-testid="import-mode-replace" /> Replace: make this
          browser's data exactly the backup's
        </label>
      </fieldset>
      <table className="preview-table">
        <thead>
          <tr>
            <th />
            <th>In the backup</th>
            <th>Will be added</th>
            <th>{mode === 'merge' ? 'Already stored (kept)' : 'Stored now (removed)'}</th>
          </tr>
        </thead>
        <tbody>
          {row('Customers', 'customers')}
          {row('References', 'references')}
          {row('Audit records', 'audit')}
        </tbody>
      </table>
      {mode === 'replace' && <p className="hint warn">Replace deletes every customer, reference and audit record stored now that is not in the backup, and takes its settings.</p>}
      <div className="row">
        <button type="button" className={mode === 'replace' ? 'danger' : 'primary'} disabled={busy || !plan} onClick={onConfirm} data-testid="import-confirm">
          {mode === 'replace' ? 'Replace all data' : 'Merge'}
        </button>
        <button type="button" onClick={onCancel} disabled={busy} data-testid="import-cancel">
          Cancel
        </button>
      </div>
    </div>
  );
}
