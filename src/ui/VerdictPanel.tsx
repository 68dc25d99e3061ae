import type { VerifyOutcome } from '../runtime/service';
import type { UnlikeReference } from '../runtime/unlikeReferences';
import { RasterThumb } from './RasterThumb';
import { ReferenceList } from './ReferenceList';
import { UnlikeDependence } from './UnlikeDependence';

const LABELS = { genuine: 'Genuine', forged: 'Forged', refer: 'Refer to a human' } as const;
const EXPLAIN = {
  genuine: 'The signature is within this customer’s usual variation.',
  forged: 'The signature differs from the references more than genuine signatures do.',
  refer: 'Too close to the threshold to decide automatically: have a colleague compare it.',
} as const;

/** Verdict, score, confidence, and the questioned signature beside the references with distances. */
export function VerdictPanel({ outcome, unlike }: { outcome: VerifyOutcome; unlike?: readonly UnlikeReference[] }) {
  const { result, questioned, references, reembedded, penMatch, orientation, penBroadening } = outcome;
  const lo = result.threshold * (1 - result.referBand);
  const hi = result.threshold * (1 + result.referBand);
  return (
    <section className={`verdict-panel verdict-${result.verdict}`} data-testid="verdict-panel" aria-live="polite">
      <div className="verdict-head">
        <div className="verdict" data-testid="verdict" data-verdict={result.verdict}>
          {LABELS[result.verdict]}
        </div>
        <dl className="figures">
          <div>
            <dt>Score</dt>
            <dd data-testid="score" data-score={result.score}>
              {result.score.toFixed(3)}
            </dd>
          </div>
          <div>
            <dt>Confidence genuine</dt>
            <dd data-testid="confidence" data-confidence={result.confidence}>
              {(result.confidence * 100).toFixed(1)}%
            </dd>
          </div>
          <div>
            <dt>Decision band</dt>
            <dd>
              genuine ≤ {lo.toFixed(3)} &lt; refer ≤ {hi.toFixed(3)} &lt; forged
            </dd>
          </div>
          <div>
            <dt>Closest / mean distance</dt>
            <dd>
              {result.minDistance.toFixed(3)} / {result.meanDistance.toFixed(3)} (writer scale {result.scale.toFixed(3)})
            </dd>
          </div>
        </dl>
      </div>
      {result.verdict === result.verdictOnAll && <p className="hint">{EXPLAIN[result.verdict]}</p>}
      <UnlikeDependence result={result} />
      {penMatch && (
        <p className="hint" data-testid="pen-match" data-pen-width={penMatch.penWidth}>
          {penMatch.matchedTo === 'scanned'
            ? 'Drawn on the pad and compared with scanned references: '
            : 'A scanned image compared with references drawn on the pad: '}
          its strokes were redrawn with the references’ pen width ({penMatch.penWidth} px, measured on {penMatch.references} reference
          {penMatch.references === 1 ? '' : 's'}), so the pen itself does not count against it.
        </p>
      )}
      {penBroadening && (
        <p className="hint" data-testid="pen-broadening" data-ratio={penBroadening.ratio.toFixed(2)}>
          Written with a broader pen than the references (strokes {penBroadening.ratio.toFixed(1)}× as wide): the references were broadened to its pen before
          comparing, so the pen itself does not count against it.
        </p>
      )}
      {orientation && (
        <p className="hint warn" data-testid="orientation-advice" data-rotate-deg={orientation.rotateDeg.toFixed(1)} data-turned-verdict={orientation.verdict}>
          The signature sits {Math.abs(orientation.rotateDeg).toFixed(0)}° {orientation.rotateDeg > 0 ? 'anticlockwise' : 'clockwise'} of its references. Turned to
          their slant it would be {orientation.verdict === 'genuine' ? 'accepted as genuine' : 'referred'} (score {orientation.score.toFixed(3)}). If the page was
          scanned or photographed askew, straighten it and verify again; if it was not, the different slant is itself a sign of a forgery.
        </p>
      )}
      {reembedded > 0 && <p className="hint">{reembedded} reference(s) were re-embedded for the current model version.</p>}
      <div className="side-by-side">
        <figure className="questioned">
          <RasterThumb image={questioned.image} label={`Questioned signature: ${questioned.name}`} testId="questioned-thumb" />
          <figcaption>Questioned ({questioned.name})</figcaption>
        </figure>
        <ReferenceList refs={references} distances={result.distances} unlike={unlike} />
      </div>
    </section>
  );
}
