import { useState } from 'react';
import { BACKUP_MAX_BYTES, BackupError, createBackupBlob, parseBackupBlob, previewImport, readEverything, applyImport, type ImportMode, type ImportPlan, type ParsedBackup } from '../../backup';
import type { CountersignService } from '../../runtime/service';
import type { SignatureStore } from '../../storage';
import { startReembed } from '../boot';
import { downloadFile, fileStamp } from '../download';
import { useNotifier } from '../messages';
import { formatBytes } from './formatBytes';
import { ImportPreview } from './ImportPreview';

interface Props {
  store: SignatureStore;
  service: CountersignService | null;
  onDataChanged(): void;
}

/** Export everything to one checksummed file; import it back (merge or replace) after a preview. */
export function BackupSection({ store, service, onDataChanged }: Props) {
  const notify = useNotifier();
  const [busy, setBusy] = useState(false);
  const [parsed, setParsed] = useState<(ParsedBackup & { fileName: string }) | null>(null);
  const [mode, setMode] = useState<ImportMode>('merge');
  const [plan, setPlan] = useState<ImportPlan | null>(null);

  const exportAll = async () => {
    notify.clear();
    setBusy(true);
    try {
      const data = await readEverything(store);
      const blob = await createBackupBlob(data, {
        createdAt: new Date().toISOString(),
        schemaVersion: store.schemaVersion,
        modelId: service?.card.id ?? '',
        modelVersion: service?.card.version ?? '',
      });
      downloadFile(`countersign-backup-${fileStamp()}.json`, blob, 'application/json');
      notify.success(
        `Backup exported: ${data.customers.length} customers, ${data.references.length} references, ${data.audit.length} audit records (${formatBytes(blob.size)}). Keep it safe: it contains signatures.`,
      );
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(false);
    }
  };

  const choose = async (file: File | undefined) => {
    notify.clear();
    setParsed(null);
    setPlan(null);
    if (!file) return;
    setBusy(true);
    try {
      if (file.size > BACKUP_MAX_BYTES) throw new BackupError('too-large', `"${file.name}" is ${formatBytes(file.size)}, larger than any Countersign backup can be. Nothing was imported.`);
      const p = await parseBackupBlob(file);
      setParsed({ ...p, fileName: file.name });
      setPlan(await previewImport(store, p.payload, mode));
    } catch (err) {
      notify.error(err instanceof BackupError ? new BackupError(err.code, `"${file.name}": ${err.message}`) : err);
    } finally {
      setBusy(false);
    }
  };

  const changeMode = async (m: ImportMode) => {
    setMode(m);
    if (!parsed) return;
    try {
      setPlan(await previewImport(store, parsed.payload, m));
    } catch (err) {
      setPlan(null);
      notify.error(err);
    }
  };

  const confirm = async () => {
    if (!parsed) return;
    notify.clear();
    setBusy(true);
    try {
      const done = await applyImport(store, parsed.payload, mode);
      notify.success(
        `Imported "${parsed.fileName}" (${mode}): ${done.customers.add} customers, ${done.references.add} references, ${done.audit.add} audit records added${
          mode === 'replace' ? '; everything else was replaced. Reload to apply the imported settings.' : '; stored records were kept.'
        }`,
      );
      setParsed(null);
      setPlan(null);
      onDataChanged();
      if (service) void startReembed(service);
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section data-testid="backup-section">
      <h2>Backup</h2>
      <p className="hint">
        One file with every customer, reference image and embedding, the audit log and the settings, with a SHA-256 checksum. A damaged or foreign file is refused and
        nothing changes.
      </p>
      <div className="row">
        <button type="button" className="primary" onClick={() => void exportAll()} disabled={busy} data-testid="backup-export">
          Export backup
        </button>
        <label className="button">
          Import backup…
          <input
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            disabled={busy}
            onChange={(e) => {
              void choose(e.target.files?.[0]);
              e.target.value = '';
            }}
            data-testid="backup-import-input"
          />
        </label>
      </div>
      {parsed && (
        <ImportPreview
          fileName={parsed.fileName}
          summary={parsed.summary}
          mode={mode}
          plan={plan}
          busy={busy}
          onMode={(m) => void changeMode(m)}
          onConfirm={() => void confirm()}
          onCancel={() => (setParsed(null), setPlan(null))}
        />
      )}
    </section>
  );
}
