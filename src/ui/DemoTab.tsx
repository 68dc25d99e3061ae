import { useCallback, useEffect, useState } from 'react';
import { InputBatchError, type DemoOutcome, type PreparedSignature, type SignatureInput } from '../runtime/service';
import { useApp } from './appContext';
import { useNotifier } from './messages';
import { RasterThumb } from './RasterThumb';
import { SampleSignatures } from './SampleSignatures';
import { SignatureInputPanel } from './SignatureInputPanel';
import { SimilarityMatrix } from './SimilarityMatrix';

const MAX_DEMO = 12;

/** Drop two or more signatures and see how alike the model finds them. Nothing is stored. */
export function DemoTab() {
  const { service, operatingPoint } = useApp();
  const notify = useNotifier();
  const [items, setItems] = useState<PreparedSignature[]>([]);
  const [outcome, setOutcome] = useState<DemoOutcome | null>(null);
  const [busy, setBusy] = useState(false);

  const add = useCallback(
    async (inputs: SignatureInput[]): Promise<boolean> => {
      notify.clear();
      setBusy(true);
      const ok: PreparedSignature[] = [];
      const failed: string[] = [];
      for (const input of inputs) {
        try {
          ok.push(await service.prepare(input));
        } catch (err) {
          failed.push(err instanceof Error ? err.message : String(err));
        }
      }
      setBusy(false);
      if (failed.length) notify.error(new InputBatchError(failed.length === 1 ? failed : [`${failed.length} images could not be used:`, ...failed]));
      if (ok.length) setItems((cur) => [...cur, ...ok].slice(-MAX_DEMO));
      return ok.length > 0;
    },
    [service, notify],
  );

  useEffect(() => {
    let live = true;
    if (items.length < 2) {
      setOutcome(null);
      return;
    }
    setBusy(true);
    service.compare(items, operatingPoint).then(
      (o) => live && setOutcome(o),
      (err) => live && notify.error(err),
    ).finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [items, service, operatingPoint, notify]);

  return (
    <div className="tab-body">
      <p className="intro">
        Compare any signatures without enrolling anyone: add two or more images (up to {MAX_DEMO}) and see how alike the model finds each pair. Nothing is
        stored.
      </p>
      <SignatureInputPanel prefix="demo" title="Signatures to compare" multiple disabled={busy} onInputs={add} onError={notify.error} />
      <SampleSignatures disabled={busy} onInputs={add} onError={notify.error} />
      {items.length > 0 && (
        <div className="demo-items">
          <ol className="reference-list" data-testid="demo-items" data-count={items.length}>
            {items.map((it, i) => (
              <li key={i} className="reference" data-testid="demo-item">
                <RasterThumb image={it.image} label={`#${i + 1}: ${it.name}`} testId="demo-thumb" />
                <div className="reference-meta">
                  <span className="reference-label">
                    #{i + 1} {it.name}
                  </span>
                  <button type="button" className="small" onClick={() => setItems((cur) => cur.filter((_, k) => k !== i))} disabled={busy}>
                    Remove
                  </button>
                </div>
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => setItems([])} disabled={busy} data-testid="demo-clear">
            Clear all
          </button>
        </div>
      )}
      {items.length === 1 && <p className="hint">Add at least one more signature to compare.</p>}
      {busy && (
        <p className="busy" data-testid="busy-indicator">
          Working…
        </p>
      )}
      {outcome && items.length >= 2 && <SimilarityMatrix outcome={outcome} />}
    </div>
  );
}
