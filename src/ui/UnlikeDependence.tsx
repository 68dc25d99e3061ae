import type { VerificationResult } from '../runtime/evaluate';

const WORD = { genuine: 'genuine', forged: 'forged', refer: 'referred' } as const;

/** "reference 4", "references 1 and 2", "references 1, 2 and 5" (places in the list, from 1). */
export function referencePlaces(positions: readonly number[]): string {
  if (positions.length === 1) return `reference ${positions[0]}`;
  return `references ${positions.slice(0, -1).join(', ')} and ${positions[positions.length - 1]}`;
}

const places = (indices: readonly number[]) => referencePlaces(indices.map((i) => i + 1));

/**
 * Why a verdict was referred because it hangs on a reference unlike the customer's others
 * (verification/referenceDependence.ts), or that it does not: the verdict on all references and
 * without the unlike ones, side by side.
 */
export function UnlikeDependence({ result }: { result: VerificationResult }) {
  if (!result.without.length) return null;
  const n = result.distances.length;
  const changed = result.verdict !== result.verdictOnAll;
  // A check without the unlike references disagrees (the verdict may have been 'refer' on all of them already).
  const dependent = result.without.some((w) => w.verdict !== result.verdictOnAll);
  const unlike = places(result.unlike);
  // Every reference unlike the others (two that look unlike each other): each was checked alone.
  const alone = result.unlike.length === n;
  const withouts = result.without
    .map((w) => `${alone ? `with ${places(w.kept)} alone` : `without ${unlike}`}, ${WORD[w.verdict]} (score ${w.score.toFixed(3)}, threshold ${w.threshold.toFixed(3)} for ${w.kept.length} reference${w.kept.length === 1 ? '' : 's'})`)
    .join('; ');
  const what = alone ? `${unlike[0].toUpperCase()}${unlike.slice(1)} look unlike each other` : `${unlike[0].toUpperCase()}${unlike.slice(1)} ${result.unlike.length === 1 ? 'looks' : 'look'} unlike this customer's other references`;
  return (
    <p className={dependent ? 'hint warn' : 'hint'} data-testid="unlike-dependence" data-verdict-on-all={result.verdictOnAll} data-changed={changed} data-dependent={dependent}>
      {dependent
        ? `${what}, and the verdict depends on ${result.unlike.length === 1 ? 'it' : 'them'}: on all ${n} references ${WORD[result.verdictOnAll]} (score ${result.score.toFixed(3)}); ${withouts}. Referred: check the references (remove one that is not this customer's signature) and verify again.`
        : `${what}; the verdict is the same ${alone ? 'with each alone' : `without ${result.unlike.length === 1 ? 'it' : 'them'}`} (${withouts}).`}
    </p>
  );
}
