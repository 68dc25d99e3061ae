import { canonicalJson } from './canonical';
import { BackupError } from './errors';
import { decodeValue, encodeValue } from './records';
import { validatePayload, type BackupPayload } from './validate';
import { BACKUP_FORMAT, parseBackupText, type BackupMeta, type ParsedBackup } from './format';

/**
 * Backup format 2: one JSON value per line, so no part of export or import ever builds one
 * string of the whole backup (a bank branch with 25,000 references makes a file of hundreds of
 * megabytes, beyond what a browser string can hold).
 *   line 1:      {"counts", "format", "formatVersion": 2, "meta"}
 *   then:        {"s": store, "v": record} per record (customers, references, audit, settings)
 *   last line:   {"checksum": {"algorithm": "SHA-256", "scheme": "lines", "value"}}
 * value = SHA-256 of the concatenated SHA-256 digests of every line before it (the exact text,
 * without its newline): any changed, missing, added or re-ordered line is detected.
 * Files of format 1 (one JSON document) are still read.
 */
export const LINES_FORMAT_VERSION = 2;
const STORES = ['customers', 'references', 'audit', 'settings'] as const;
type Store = (typeof STORES)[number];

function subtle(): SubtleCrypto {
  if (!globalThis.crypto?.subtle) throw new Error('WebCrypto (crypto.subtle) is not available, so the backup checksum cannot be computed.');
  return globalThis.crypto.subtle;
}

const encoder = new TextEncoder();
const hex = (b: ArrayBuffer) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');

/** Running checksum over lines: digest of each line, then the digest of all digests in order. */
class LineChecksum {
  private digests: ArrayBuffer[] = [];
  async add(line: string): Promise<void> {
    this.digests.push(await subtle().digest('SHA-256', encoder.encode(line)));
  }
  async value(): Promise<string> {
    const all = new Uint8Array(this.digests.length * 32);
    this.digests.forEach((d, i) => all.set(new Uint8Array(d), i * 32));
    return hex(await subtle().digest('SHA-256', all));
  }
}

const countsOf = (p: BackupPayload) => ({ customers: p.customers.length, references: p.references.length, audit: p.audit.length, settings: p.settings.length });

/** The backup file as a Blob built from one small string per record. Deterministic for the same data. */
export async function createBackupBlob(payload: BackupPayload, meta: BackupMeta): Promise<Blob> {
  const sum = new LineChecksum();
  const parts: string[] = [];
  const push = async (line: string) => {
    await sum.add(line);
    parts.push(line + '\n');
  };
  await push(canonicalJson({ format: BACKUP_FORMAT, formatVersion: LINES_FORMAT_VERSION, meta, counts: countsOf(payload) }));
  for (const s of STORES) for (const r of payload[s] as unknown[]) await push(canonicalJson({ s, v: encodeValue(r) }));
  parts.push(canonicalJson({ checksum: { algorithm: 'SHA-256', scheme: 'lines', value: await sum.value() } }) + '\n');
  return new Blob(parts, { type: 'application/json' });
}

/** Lines of a blob, read as a stream (never the whole file as one string, except a format-1 file). */
async function* readLines(blob: Blob): AsyncGenerator<string> {
  const reader = blob.stream().pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += value;
    let start = 0;
    let nl: number;
    while ((nl = buf.indexOf('\n', start)) >= 0) {
      yield buf.slice(start, nl);
      start = nl + 1;
    }
    buf = buf.slice(start);
  }
  if (buf.length) yield buf;
}

const notBackup = () => new BackupError('not-json', 'This file is not a Countersign backup (it is not JSON, or it is cut short). Nothing was imported.');
const cutShort = () => new BackupError('not-json', 'This file is not a complete Countersign backup (it is cut short: its checksum line is missing). Nothing was imported.');

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw notBackup();
  }
}

/** Reads and checks a backup file of format 1 or 2; throws BackupError with a teller-facing message. */
export async function parseBackupBlob(blob: Blob): Promise<ParsedBackup> {
  const lines = readLines(blob);
  const first = await lines.next();
  if (first.done || !first.value.trim()) throw notBackup();
  const header = parseLine(first.value) as Record<string, unknown> | null;
  if (!header || typeof header !== 'object' || Array.isArray(header) || header.format !== BACKUP_FORMAT) {
    throw new BackupError('foreign', 'This file is not a Countersign backup (it has no Countersign backup header). Nothing was imported.');
  }
  if (header.formatVersion === 1) {
    // Format 1 is one JSON document: nothing may follow it.
    for await (const rest of lines) if (rest.trim()) throw notBackup();
    return parseBackupText(first.value);
  }
  if (typeof header.formatVersion !== 'number' || !Number.isInteger(header.formatVersion) || header.formatVersion < 1) {
    throw new BackupError('invalid', 'The backup is damaged: its format version is missing. Nothing was imported.');
  }
  if (header.formatVersion > LINES_FORMAT_VERSION) {
    throw new BackupError(
      'too-new',
      `This backup was made by a newer Countersign (backup format ${header.formatVersion}; this app reads up to ${LINES_FORMAT_VERSION}). Update the app, then import it. Nothing was imported.`,
    );
  }
  const meta = header.meta as BackupMeta | undefined;
  const counts = header.counts as Record<string, unknown> | undefined;
  if (!meta || typeof meta !== 'object' || !counts || typeof counts !== 'object') throw new BackupError('invalid', 'The backup is damaged: its header is incomplete. Nothing was imported.');
  const sum = new LineChecksum();
  await sum.add(first.value);
  const raw: Record<Store, unknown[]> = { customers: [], references: [], audit: [], settings: [] };
  let checksum: string | null = null;
  for await (const line of lines) {
    if (checksum !== null) {
      if (line.trim()) throw new BackupError('invalid', 'The backup is damaged: there is data after its checksum. Nothing was imported.');
      continue;
    }
    const o = parseLine(line) as Record<string, unknown> | null;
    if (o && typeof o === 'object' && 'checksum' in o) {
      const c = o.checksum as { algorithm?: unknown; value?: unknown } | null;
      if (!c || c.algorithm !== 'SHA-256' || typeof c.value !== 'string') throw new BackupError('invalid', 'The backup is damaged: its checksum is missing. Nothing was imported.');
      checksum = c.value.toLowerCase();
      continue;
    }
    if (!o || typeof o !== 'object' || !STORES.includes(o.s as Store) || !('v' in o)) throw new BackupError('invalid', 'The backup is damaged: a line holds no record. Nothing was imported.');
    await sum.add(line);
    try {
      raw[o.s as Store].push(decodeValue(o.v));
    } catch {
      throw new BackupError('invalid', 'The backup is damaged: an image or embedding is not valid base64. Nothing was imported.');
    }
  }
  if (checksum === null) throw cutShort();
  const actual = await sum.value();
  if (actual !== checksum) {
    throw new BackupError('checksum', 'The backup is damaged: its checksum does not match its contents (the file was changed or cut short). Nothing was imported.');
  }
  const payload = validatePayload(raw);
  const have = countsOf(payload);
  if (canonicalJson(have) !== canonicalJson(counts)) throw new BackupError('invalid', 'The backup is damaged: its record counts do not match its contents. Nothing was imported.');
  return { summary: { ...meta, formatVersion: header.formatVersion, checksum: actual, counts: have }, payload };
}
