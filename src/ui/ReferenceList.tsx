import type { ReferenceRecord } from '../storage';
import { RasterThumb } from './RasterThumb';

interface Props {
  refs: readonly ReferenceRecord[];
  onRemove?: (ref: ReferenceRecord) => void;
  disabled?: boolean;
  /** Distance to each reference, shown under its thumbnail. */
  distances?: readonly number[];
}

/** Reference thumbnails (the normalised model input) with Remove buttons or distances. */
export function ReferenceList({ refs, onRemove, disabled, distances }: Props) {
  return (
    <ol className="reference-list" data-testid="reference-list">
      {refs.map((r, i) => (
        <li key={r.id} className="reference" data-testid="reference-item" data-reference-id={r.id}>
          <RasterThumb image={r.image} label={`Reference ${i + 1}: ${r.label}`} testId="reference-thumb" />
          <div className="reference-meta">
            <span className="reference-label" title={r.label}>
              {i + 1}. {r.label}
            </span>
            {distances && (
              <span className="reference-distance" data-testid="reference-distance">
                distance {distances[i].toFixed(3)}
              </span>
            )}
            {onRemove && (
              <button type="button" className="small danger" onClick={() => onRemove(r)} disabled={disabled} data-testid="remove-reference-button">
                Remove
              </button>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
