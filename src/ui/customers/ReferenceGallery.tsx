import { useState } from 'react';
import type { UnlikeReference } from '../../runtime/unlikeReferences';
import type { ReferenceRecord } from '../../storage';
import { RasterThumb } from '../RasterThumb';
import { UnlikeMark } from '../UnlikeMark';

/** Every reference (active first, then retired) with thumbnail, date, source and model version. */
export function ReferenceGallery({
  refs,
  onRetire,
  disabled,
  unlike,
}: {
  refs: readonly ReferenceRecord[];
  onRetire(r: ReferenceRecord): void;
  disabled?: boolean;
  /** Active references unlike the customer's others, marked. */
  unlike?: readonly UnlikeReference[];
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  if (refs.length === 0) return <p className="hint" data-testid="customer-no-references">No reference signatures yet.</p>;
  const sorted = [...refs].sort((a, b) => Number(a.retiredAt !== undefined) - Number(b.retiredAt !== undefined) || a.createdAt - b.createdAt);
  return (
    <ol className="reference-list gallery" data-testid="customer-reference-list">
      {sorted.map((r, i) => {
        const retired = r.retiredAt !== undefined;
        return (
          <li key={r.id} className={`reference${retired ? ' retired' : ''}`} data-testid="customer-reference" data-reference-id={r.id} data-retired={retired}>
            <RasterThumb image={r.image} label={`Reference ${r.label}${retired ? ' (retired)' : ''}`} testId="customer-reference-thumb" />
            <div className="reference-meta">
              <span className="reference-label" title={r.label}>
                {/* Active references first, numbered as on the Enroll and Verify tabs. */}
                {retired ? r.label : `${i + 1}. ${r.label}`}
              </span>
              <span className="hint">
                added <time dateTime={new Date(r.createdAt).toISOString()}>{new Date(r.createdAt).toLocaleString()}</time> ({r.source})
              </span>
              <span className="hint">
                model {r.modelId} v{r.modelVersion}
              </span>
              {unlike?.filter((u) => u.id === r.id).map((u) => <UnlikeMark key="unlike" unlike={u} />)}
              {retired ? (
                <span className="tag" data-testid="retired-tag">
                  retired {new Date(r.retiredAt!).toLocaleDateString()}
                </span>
              ) : confirming === r.id ? (
                <span className="row">
                  <button type="button" className="small danger" disabled={disabled} onClick={() => (setConfirming(null), onRetire(r))} data-testid="retire-confirm">
                    Yes, retire
                  </button>
                  <button type="button" className="small" onClick={() => setConfirming(null)}>
                    Keep
                  </button>
                </span>
              ) : (
                <button type="button" className="small" disabled={disabled} onClick={() => setConfirming(r.id)} data-testid="retire-reference">
                  Retire
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
