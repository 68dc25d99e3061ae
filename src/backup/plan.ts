import { MAX_REFERENCES } from '../storage/schema';
import { BackupError } from './errors';
import type { BackupPayload } from './validate';

export type ImportMode = 'merge' | 'replace';

/** What is stored now, as far as an import needs to know. */
export interface LocalKeys {
  customers: ReadonlySet<string>;
  references: ReadonlySet<string>;
  audit: ReadonlySet<string>;
  /** Active references per customer. */
  activeReferences: ReadonlyMap<string, number>;
}

export interface StoreDelta {
  /** Records the import adds. */
  add: number;
  /** Backup records whose id is already stored: the stored one is kept (merge). */
  keep: number;
  /** Stored records the import removes (replace). */
  remove: number;
}

export interface ImportPlan {
  mode: ImportMode;
  customers: StoreDelta;
  references: StoreDelta;
  audit: StoreDelta;
  /** Settings are taken from the backup on replace, kept on merge. */
  settingsReplaced: boolean;
  /** Ids of the backup records to write (all of them on replace). */
  write: { customers: Set<string>; references: Set<string>; audit: Set<string> };
}

function delta(ids: string[], local: ReadonlySet<string>, mode: ImportMode): { d: StoreDelta; write: Set<string> } {
  if (mode === 'replace') return { d: { add: ids.length, keep: 0, remove: local.size }, write: new Set(ids) };
  const write = new Set(ids.filter((id) => !local.has(id)));
  return { d: { add: write.size, keep: ids.length - write.size, remove: 0 }, write };
}

/**
 * What importing `payload` would do. Merge adds records with new ids and keeps every stored
 * record as it is; replace makes the store equal to the backup. Refuses (BackupError
 * 'conflict') a merge that would give a customer more than MAX_REFERENCES active references.
 */
export function planImport(local: LocalKeys, payload: BackupPayload, mode: ImportMode): ImportPlan {
  const c = delta(payload.customers.map((x) => x.id), local.customers, mode);
  const r = delta(payload.references.map((x) => x.id), local.references, mode);
  const a = delta(payload.audit.map((x) => x.id), local.audit, mode);
  if (mode === 'merge') {
    const active = new Map(local.activeReferences);
    for (const ref of payload.references) {
      if (!r.write.has(ref.id) || ref.retiredAt !== undefined) continue;
      active.set(ref.customerId, (active.get(ref.customerId) ?? 0) + 1);
    }
    const over = [...active].filter(([, n]) => n > MAX_REFERENCES).map(([id]) => id);
    if (over.length) {
      const list = over.slice(0, 5).map((id) => `"${id}"`).join(', ');
      throw new BackupError(
        'conflict',
        `Merging would give ${over.length} customer(s) (${list}${over.length > 5 ? ', …' : ''}) more than ${MAX_REFERENCES} active reference signatures. Retire references of those customers first, or use Replace. Nothing was imported.`,
      );
    }
  }
  return {
    mode,
    customers: c.d,
    references: r.d,
    audit: a.d,
    settingsReplaced: mode === 'replace',
    write: { customers: c.write, references: r.write, audit: a.write },
  };
}
