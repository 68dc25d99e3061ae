import type { AuditRecord } from '../storage/schema';

export const AUDIT_CSV_COLUMNS = [
  'id', 'time', 'customer_id', 'customer_name', 'verdict', 'score', 'threshold', 'refer_band', 'operating_point',
  'distances', 'reference_ids', 'model_id', 'model_version', 'backend', 'channel', 'pen_width',
  'turned_deg', 'verdict_turned', 'unlike_references', 'verdict_on_all_references', 'broader_pen', 'note',
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text starting
 * with = + - @ (or tab / CR) is prefixed with ' so spreadsheets do not run it as a formula.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function auditRow(r: AuditRecord): string[] {
  return [
    r.id,
    new Date(r.time).toISOString(),
    r.customerId,
    r.customerName,
    r.verdict,
    r.score.toFixed(6),
    r.threshold.toFixed(6),
    r.referBand.toFixed(4),
    r.operatingPoint ?? 'default',
    r.distances.map((d) => d.toFixed(6)).join(' '),
    r.referenceIds.join(' '),
    r.modelId,
    r.modelVersion,
    r.backend,
    r.channel,
    r.penWidth ?? '',
    r.rotateDeg ?? '',
    r.turnedVerdict ?? '',
    r.unlikeReferences?.join(' ') ?? '',
    r.verdictOnAll ?? '',
    r.broaderPen ?? '',
    r.note,
  ].map((v) => csvField(v));
}

/** The audit log as CSV (header + one line per record, CRLF line ends, UTF-8 BOM for spreadsheets). */
export function auditToCsv(records: readonly AuditRecord[]): string {
  const lines = [AUDIT_CSV_COLUMNS.join(','), ...records.map((r) => auditRow(r).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
