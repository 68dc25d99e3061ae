import { strokeEvidence } from '../capture/strokes';
import type { UnlikeReference } from '../runtime/unlikeReferences';
import type { ReferenceRecord } from '../storage';
import { RasterThumb } from './RasterThumb';
import { UnlikeMark } from './UnlikeMark';

interface Props {
  refs: readonly ReferenceRecord[];
  onRemove?: (ref: ReferenceRecord) => void;
  disabled?: boolean;
  /** Distance to each reference, shown under its thumbnail. */
  distances?: readonly number[];
  /** References unlike the customer's others (CountersignService.unlikeReferences), marked for the teller. */
  unlike?: readonly UnlikeReference[];
}

/** Reference thumbnails (the normalised model input) with Remove buttons or distances. */
export function ReferenceList({ refs, onRemove, disabled, distances, unlike }: Props) {
  return (
    <ol className="reference-list" data-testid="reference-list">
      {refs.map((r, i) => (
        <li key={r.id} className="reference" data-testid="reference-item" data-reference-id={r.id}>
          <RasterThumb image={r.image} label={`Reference ${i + 1}: ${r.label}`} testId="reference-thumb" />
          <div className="reference-meta">
            <span className="reference-label" title={r.label}>
              {i + 1}. {r.label}
            </span>
            {r.strokes && r.strokes.length > 0 && <StrokeSummary strokes={r.strokes} />}
            {unlike?.filter((u) => u.id === r.id).map((u) => <UnlikeMark key="unlike" unlike={u} />)}
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

/** The pen evidence kept with a drawn reference: strokes, time, pauses and pressure. */
function StrokeSummary({ strokes }: { strokes: NonNullable<ReferenceRecord['strokes']> }) {
  const e = strokeEvidence(strokes);
  const parts = [`${e.strokes} stroke${e.strokes === 1 ? '' : 's'}`];
  if (e.durationMs !== null) parts.push(`${(e.durationMs / 1000).toFixed(1)} s`);
  if (e.penUpMs) parts.push(`pen up ${(e.penUpMs / 1000).toFixed(1)} s`);
  parts.push(e.pressure ? `pressure ${e.pressure.min.toFixed(2)}-${e.pressure.max.toFixed(2)}` : 'no pressure');
  return (
    <span className="reference-evidence" data-testid="reference-evidence" data-strokes={e.strokes} data-duration-ms={e.durationMs ?? ''} title={`Drawn with ${e.pointerTypes.join(', ')}; ${e.points} points`}>
      drawn: {parts.join(', ')}
    </span>
  );
}
