/**
 * The benchmark's result file: its shape, merging re-measured backends into an earlier file
 * (`npm run bench -- --merge`), and the printed table. Pure (no DOM, no tfjs, no files; unit-tested).
 */
import { formatMarkdownTable, formatTable } from './stats';

/** The figures of one subject (ours or the peer) on one backend, as written to the JSON file. */
export type Figures = Record<string, unknown>;

/** Keys of the result that hold one entry per backend. */
export const PER_BACKEND_KEYS = ['backends', 'peer', 'ratio_verify_p50', 'ratio_images_per_s', 'ratio_embed_p50'] as const;

export interface BenchResult {
  backends: Record<string, Figures>;
  peer: Record<string, Figures>;
  ratio_verify_p50: Record<string, number | null>;
  ratio_images_per_s: Record<string, number | null>;
  ratio_embed_p50: Record<string, number | null>;
  skipped: Record<string, string>;
  machine: Figures;
  conditions: Figures & { per_backend?: Record<string, unknown> };
  protocol: Figures;
  command: string;
  /** Every command whose figures the file holds, once a run was merged into it. */
  commands?: string[];
  date: string;
}

/**
 * `earlier` with the backends measured by `fresh` replaced by the fresh figures (a backend that
 * was skipped this time loses its old figures, so the file never mixes runs for one backend).
 * Everything else (other backends, machine, protocol) is kept; `commands` lists every command.
 * `conditions` gives, per re-measured backend, what else ran while it was measured.
 */
export function mergeResults(earlier: BenchResult, fresh: BenchResult, measured: readonly string[], conditions: (backend: string) => unknown): BenchResult {
  const merged: BenchResult = structuredClone(earlier);
  for (const b of measured) {
    for (const key of PER_BACKEND_KEYS) {
      const from = fresh[key] as Record<string, unknown>;
      const to = merged[key] as Record<string, unknown>;
      if (b in from) to[b] = from[b];
      else delete to[b];
    }
    if (fresh.skipped[b]) merged.skipped[b] = fresh.skipped[b];
    else delete merged.skipped[b];
    (merged.conditions.per_backend ??= {})[b] = conditions(b);
  }
  merged.commands = [...(earlier.commands ?? [earlier.command]), fresh.command];
  return merged;
}

const HEADER = ['backend', 'model', 'cold ms', 'verify p50 ms', 'verify p95 ms', 'runs', 'embed p50 ms', 'img/s @16', 'enrol 100 s', 'tensor growth', 'peer/ours verify', 'peer/ours embed'];

/** Two rows per measured backend (ours, then the peer) and one per skipped backend, with the ratios as "N.Nx". */
export function renderTable(r: Pick<BenchResult, 'backends' | 'peer' | 'ratio_verify_p50' | 'ratio_embed_p50' | 'skipped'>, markdown = false): string {
  const rows: (string | number | null)[][] = [];
  const n = (v: unknown) => (typeof v === 'number' ? v : null);
  const enrol = (x: Figures) => (x.enroll_100_extrapolated ? `${n(x.enroll_100_s)?.toFixed(1)}* (${x.enroll_customers})` : n(x.enroll_100_s));
  const times = (v: number | null | undefined) => (v ? `${(1 / v).toFixed(1)}x` : null);
  const embed = (v: Figures) => n((v.breakdown_p50_ms as Record<string, number> | undefined)?.embed);
  for (const [b, f] of Object.entries(r.backends)) {
    if (r.skipped[b]) {
      rows.push([b, `skipped: ${r.skipped[b].slice(0, 60)}`, ...HEADER.slice(2).map(() => null)]);
      continue;
    }
    const p = r.peer[b] ?? {};
    rows.push([b, 'ours', n(f.cold_ms), n(f.verify_p50_ms), n(f.verify_p95_ms), n(f.verify_runs), embed(f), n(f.images_per_s), enrol(f), n(f.tensor_growth), times(r.ratio_verify_p50[b]), times(r.ratio_embed_p50[b])]);
    rows.push([b, 'SigNet peer', n(p.cold_ms), n(p.verify_p50_ms), n(p.verify_p95_ms), n(p.verify_runs), embed(p), n(p.images_per_s), enrol(p), n(p.tensor_growth), null, null]);
  }
  const note = '* extrapolated to 100 customers from the number measured (in brackets).';
  return markdown ? `${formatMarkdownTable(HEADER, rows)}\n\n${note}` : `${formatTable(HEADER, rows)}\n${note}`;
}
