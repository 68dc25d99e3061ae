import { useState, type FormEvent } from 'react';
import type { ModelCard } from '../../model/modelCard';
import { thresholdFor } from '../../runtime/evaluate';
import { parseReferBandPercent, type DecisionPolicy } from '../../runtime/policy';
import { SETTING_OPERATING_POINT, SETTING_REFER_BAND, type SignatureStore } from '../../storage';
import { useNotifier } from '../messages';

interface Props {
  store: SignatureStore;
  card: ModelCard;
  policy: DecisionPolicy;
  onPolicy(p: DecisionPolicy): void;
}

/** Operating point (from the model card's calibrated options) and the "refer to a human" band. */
export function PolicySection({ store, card, policy, onPolicy }: Props) {
  const notify = useNotifier();
  const rule = card.decision;
  const band = policy.referBand ?? rule.referBand;
  const [bandText, setBandText] = useState(String(Math.round(band * 10000) / 100));
  // The threshold for a full enrollment of 5 references (fewer references use their own).
  const threshold = thresholdFor(rule, policy.operatingPoint, 5);

  const chooseOperatingPoint = async (name: string) => {
    const value = name || null;
    try {
      await store.setSetting(SETTING_OPERATING_POINT, value);
      onPolicy({ ...policy, operatingPoint: value });
      notify.success(`Operating point: ${value ?? `model default (threshold ${rule.threshold})`}.`);
    } catch (err) {
      notify.error(err);
    }
  };

  const saveBand = async (e: FormEvent) => {
    e.preventDefault();
    notify.clear();
    try {
      const v = parseReferBandPercent(bandText);
      await store.setSetting(SETTING_REFER_BAND, v);
      onPolicy({ ...policy, referBand: v });
      notify.success(`Refer band set to ±${(v * 100).toFixed(2).replace(/\.?0+$/, '')}% of the threshold.`);
    } catch (err) {
      notify.error(err);
    }
  };

  const resetBand = async () => {
    try {
      await store.setSetting(SETTING_REFER_BAND, null);
      onPolicy({ ...policy, referBand: null });
      setBandText(String(Math.round(rule.referBand * 10000) / 100));
      notify.success('Refer band reset to the model default.');
    } catch (err) {
      notify.error(err);
    }
  };

  return (
    <section data-testid="policy-section">
      <h2>Decision policy</h2>
      <label>
        Operating point{' '}
        <select value={policy.operatingPoint ?? ''} onChange={(e) => void chooseOperatingPoint(e.target.value)} data-testid="operating-point-select">
          <option value="">Default (threshold {rule.threshold})</option>
          {rule.operatingPoints.map((op) => (
            <option key={op.name} value={op.name}>
              {op.name}: threshold {op.threshold.toFixed(3)} (FAR {(op.validationFar * 100).toFixed(1)}%, FRR {(op.validationFrr * 100).toFixed(1)}%)
            </option>
          ))}
        </select>
      </label>
      {rule.operatingPoints.length === 0 && <p className="hint">This model card offers no calibrated alternatives; the shipped threshold is used.</p>}
      <form className="row" onSubmit={(e) => void saveBand(e)}>
        <label>
          Refer to a human within ±{' '}
          <input className="narrow" inputMode="decimal" value={bandText} onChange={(e) => setBandText(e.target.value)} data-testid="refer-band-input" aria-label="Refer band in percent of the threshold" />
          % of the threshold
        </label>
        <button type="submit" data-testid="refer-band-save">
          Save band
        </button>
        <button type="button" onClick={() => void resetBand()} disabled={policy.referBand === null} data-testid="refer-band-reset">
          Model default ({(rule.referBand * 100).toFixed(0)}%)
        </button>
      </form>
      <p className="hint" data-testid="policy-summary" data-threshold={threshold} data-refer-band={band}>
        In force: genuine if score ≤ {(threshold * (1 - band)).toFixed(3)}, refer to a human up to {(threshold * (1 + band)).toFixed(3)}, forged above.
      </p>
    </section>
  );
}
