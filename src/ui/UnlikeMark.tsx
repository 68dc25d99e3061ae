import type { UnlikeReference } from '../runtime/unlikeReferences';

/** The mark beside a reference unlike the customer's others (CountersignService.unlikeReferences). */
export function UnlikeMark({ unlike }: { unlike: UnlikeReference }) {
  return (
    <span className="reference-unlike" data-testid="reference-unlike" title={`score ${unlike.score.toFixed(2)} against them, limit ${unlike.limit.toFixed(2)}`}>
      unlike reference{unlike.others.length === 1 ? '' : 's'} {unlike.others.join(', ')}: is it this customer's?
    </span>
  );
}
