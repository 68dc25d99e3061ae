import { canonicalJson, sha256Hex } from './canonical';
import { BackupError } from './errors';
import { decodeValue, encodeValue } from './records';
import { validatePayload, type BackupPayload } from './validate';

export const BACKUP_FORMAT = 'countersign-backup';
export const BACKUP_FORMAT_VERSION = 1;
/** Larger files are refused before they are read (a backup of 5,000 customers is ~1 GB at most). */
export const BACKUP_MAX_BYTES = 1.5 * 1024 ** 3;

export interface BackupMeta {
  /** ISO time of the export. */
  createdAt: string;
  schemaVersion: number;
  modelId: string;
  modelVersion: string;
}

export interface BackupSummary extends BackupMeta {
  formatVersion: number;
  checksum: string;
  counts: { customers: number; references: number; audit: number; settings: number };
}

export interface ParsedBackup {
  summary: BackupSummary;
  payload: BackupPayload;
}

/**
 * The file: {format, formatVersion, meta, counts, payload, checksum}. checksum.value is the
 * SHA-256 of canonicalJson({format, formatVersion, meta, counts, payload}), so any change to
 * any of those (a flipped byte in an image, an edited count) is detected.
 */
interface BackupFile {
  format: string;
  formatVersion: number;
  meta: BackupMeta;
  counts: BackupSummary['counts'];
  payload: unknown;
  checksum: { algorithm: 'SHA-256'; value: string };
}

function countsOf(p: BackupPayload): BackupSummary['counts'] {
  return { customers: p.customers.length, references: p.references.length, audit: p.audit.length, settings: p.settings.length };
}

function signed(file: Omit<BackupFile, 'checksum'>): string {
  return canonicalJson({ format: file.format, formatVersion: file.formatVersion, meta: file.meta, counts: file.counts, payload: file.payload });
}

/** Serialises everything into the backup file's text. */
export async function createBackupText(payload: BackupPayload, meta: BackupMeta): Promise<string> {
  const body = { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, meta, counts: countsOf(payload), payload: encodeValue(payload) };
  const value = await sha256Hex(signed(body));
  const file: BackupFile = { ...body, checksum: { algorithm: 'SHA-256', value } };
  return canonicalJson(file);
}

/** Reads and checks a backup file; throws BackupError with a teller-facing message. */
export async function parseBackupText(text: string): Promise<ParsedBackup> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BackupError('not-json', 'This file is not a Countersign backup (it is not JSON, or it is cut short). Nothing was imported.');
  }
  const f = raw as Partial<BackupFile>;
  if (!f || typeof f !== 'object' || f.format !== BACKUP_FORMAT) {
    throw new BackupError('foreign', 'This file is not a Countersign backup (it has no Countersign backup header). Nothing was imported.');
  }
  if (typeof f.formatVersion !== 'number' || !Number.isInteger(f.formatVersion) || f.formatVersion < 1) {
    throw new BackupError('invalid', 'The backup is damaged: its format version is missing. Nothing was imported.');
  }
  if (f.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      'too-new',
      `This backup was made by a newer Countersign (backup format ${f.formatVersion}; this app reads up to ${BACKUP_FORMAT_VERSION}). Update the app, then import it. Nothing was imported.`,
    );
  }
  if (!f.checksum || f.checksum.algorithm !== 'SHA-256' || typeof f.checksum.value !== 'string' || !f.meta || !f.counts) {
    throw new BackupError('invalid', 'The backup is damaged: its checksum or header is missing. Nothing was imported.');
  }
  let actual: string;
  try {
    actual = await sha256Hex(signed(f as BackupFile));
  } catch {
    throw new BackupError('invalid', 'The backup is damaged: it contains values a backup cannot hold. Nothing was imported.');
  }
  if (actual !== f.checksum.value.toLowerCase()) {
    throw new BackupError('checksum', 'The backup is damaged: its checksum does not match its contents (the file was changed or cut short). Nothing was imported.');
  }
  let decoded: unknown;
  try {
    decoded = decodeValue(f.payload);
  } catch {
    throw new BackupError('invalid', 'The backup is damaged: an image or embedding is not valid base64. Nothing was imported.');
  }
  const payload = validatePayload(decoded);
  const counts = countsOf(payload);
  if (canonicalJson(counts) !== canonicalJson(f.counts)) throw new BackupError('invalid', 'The backup is damaged: its record counts do not match its contents. Nothing was imported.');
  return { summary: { ...f.meta, formatVersion: f.formatVersion, checksum: actual, counts }, payload };
}
