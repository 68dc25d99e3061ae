/** Pure statistics and formatting helpers for the benchmark (no DOM, no tfjs; unit-tested). */

/**
 * The p-th percentile (0..100) of `values` by linear interpolation between closest ranks
 * (the same definition as numpy's default and Excel's PERCENTILE.INC). NaN for no values.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p} is outside 0..100`);
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return NaN;
  const rank = (p / 100) * (xs.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return xs[lo] + (xs[hi] - xs[lo]) * (rank - lo);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function mean(values: readonly number[]): number {
  const xs = values.filter((v) => Number.isFinite(v));
  return xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : NaN;
}

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export function summarize(values: readonly number[]): Summary {
  const xs = values.filter((v) => Number.isFinite(v));
  return {
    n: xs.length,
    min: xs.length ? Math.min(...xs) : NaN,
    p50: percentile(xs, 50),
    p95: percentile(xs, 95),
    max: xs.length ? Math.max(...xs) : NaN,
    mean: mean(xs),
  };
}

/** Rounds to `digits` decimals, keeping null/NaN as null (JSON-friendly). */
export function round(v: number | null | undefined, digits = 2): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** ours / peer, or null when either is missing or the peer is 0. */
export function ratio(ours: number | null | undefined, peer: number | null | undefined): number | null {
  if (ours == null || peer == null || !Number.isFinite(ours) || !Number.isFinite(peer) || peer === 0) return null;
  return ours / peer;
}

/** Long tasks (PerformanceObserver 'longtask' entries) reduced to count, total and longest. */
export interface LongTaskSummary {
  count: number;
  total_ms: number;
  max_ms: number;
}

export function summarizeLongTasks(durations: readonly number[]): LongTaskSummary {
  const xs = durations.filter((d) => Number.isFinite(d) && d >= 0);
  return {
    count: xs.length,
    total_ms: round(xs.reduce((s, d) => s + d, 0), 1) ?? 0,
    max_ms: round(xs.length ? Math.max(...xs) : 0, 1) ?? 0,
  };
}

/** Largest gap between consecutive heartbeat timestamps (ms), i.e. the longest the page was unresponsive. */
export function maxGap(timestamps: readonly number[]): number {
  let gap = 0;
  for (let i = 1; i < timestamps.length; i++) gap = Math.max(gap, timestamps[i] - timestamps[i - 1]);
  return gap;
}

/** A plain-text table with right-aligned numeric columns; null/undefined cells print as "-". */
export function formatTable(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const cell = (v: string | number | null | undefined): string => {
    if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '-';
    if (typeof v === 'number') {
      if (Number.isInteger(v) || Math.abs(v) >= 100) return v.toFixed(0);
      return Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
    }
    return v;
  };
  const cells = rows.map((r) => header.map((_, i) => cell(r[i])));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const numeric = header.map((_, i) => rows.every((r) => r[i] === null || r[i] === undefined || typeof r[i] === 'number'));
  const line = (r: readonly string[]) => r.map((c, i) => (numeric[i] && i > 0 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}

/** A markdown table of the same cells. */
export function formatMarkdownTable(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const text = formatTable(header, rows).split('\n');
  return text.map((l, i) => (i === 1 ? `|-${l.replace(/-\|-/g, '-|-')}-|` : `| ${l} |`)).join('\n');
}
