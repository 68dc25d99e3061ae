import { useState, type FormEvent } from 'react';
import { AUDIT_NOTE_MAX, type AuditRecord } from '../../storage';
import { useApp } from '../appContext';
import { useNotifier } from '../messages';

/** The teller's note on one audit record (e.g. "ID card checked"). */
export function AuditNote({ record, compact }: { record: AuditRecord; compact?: boolean }) {
  const { store } = useApp();
  const notify = useNotifier();
  const [text, setText] = useState(record.note);
  const [saved, setSaved] = useState(record.note);
  const [busy, setBusy] = useState(false);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const r = await store.audit.setNote(record.id, text);
      setSaved(r.note);
      setText(r.note);
      if (!compact) notify.success('Note saved in the audit log.');
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={`audit-note${compact ? ' compact' : ''}`} onSubmit={(e) => void save(e)} data-testid="audit-note-form" data-audit-id={record.id}>
      <label>
        {compact ? <span className="visually-hidden">Teller note</span> : 'Teller note for the audit log (optional)'}
        <input
          value={text}
          maxLength={AUDIT_NOTE_MAX}
          onChange={(e) => setText(e.target.value)}
          placeholder="e.g. ID card checked"
          data-testid="audit-note-input"
        />
      </label>
      <button type="submit" className="small" disabled={busy || text === saved} data-testid="audit-note-save">
        Save note
      </button>
    </form>
  );
}
