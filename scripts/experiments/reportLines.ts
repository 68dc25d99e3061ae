import type { Summary } from '../../src/training/evaluation/summarize';
import type { Verdict } from '../../src/verification/decision';

/** A fraction as percent with two decimals. */
export const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

/** One experiment row: skilled EER, FAR / FRR at the rule, random EER. */
export function summaryLine(label: string, s: Summary): string {
  return `${label} skilled EER ${pct(s.skilled.eer)}, FAR / FRR ${pct(s.skilled.far)} / ${pct(s.skilled.frr)}, random EER ${pct(s.random.eer)}`;
}

/** Verdict shares accepted / referred / rejected of genuine signatures and skilled forgeries. */
export function verdictShareLine(v: { genuine: readonly Verdict[]; skilled: readonly Verdict[] }): string {
  return (['genuine', 'skilled'] as const)
    .map((kind) => `${kind} ${(['genuine', 'refer', 'forged'] as const).map((x) => pct(v[kind].filter((y) => y === x).length / v[kind].length)).join(' / ')}`)
    .join(', ');
}
