import { useEffect, useState } from 'react';
import { BACKENDS, type BackendPreference } from '../runtime/backends';
import type { CountersignService } from '../runtime/service';
import { SETTING_BACKEND, SETTING_OPERATING_POINT, type SignatureStore } from '../storage';
import { useNotifier } from './messages';
import { backendLabel } from './StatusBar';

interface Props {
  store: SignatureStore | null;
  service: CountersignService | null;
  preference: BackendPreference;
  operatingPoint: string | null;
  onOperatingPoint(name: string | null): void;
}

/** Backend choice (persisted; reloads the page), operating point, and runtime details. */
export function SettingsTab({ store, service, preference, operatingPoint, onOperatingPoint }: Props) {
  const notify = useNotifier();
  const [choice, setChoice] = useState<BackendPreference>(preference);
  const [estimate, setEstimate] = useState<string>('');
  const info = service?.runtime.info ?? null;
  const card = service?.card ?? null;
  const urlForced = new URLSearchParams(location.search).has('backend');

  useEffect(() => {
    void navigator.storage
      ?.estimate?.()
      .then((e) => setEstimate(`${((e.usage ?? 0) / 1048576).toFixed(1)} MB used of ${((e.quota ?? 0) / 1048576).toFixed(0)} MB available`))
      .catch(() => undefined);
  }, []);

  const apply = async () => {
    notify.clear();
    if (!store) {
      notify.error(new Error('Settings cannot be saved: the local database is not available.'));
      return;
    }
    try {
      await store.setSetting(SETTING_BACKEND, choice);
      const url = new URL(location.href);
      url.searchParams.delete('backend');
      location.assign(url.toString());
    } catch (err) {
      notify.error(err);
    }
  };

  const chooseOperatingPoint = async (name: string) => {
    const value = name || null;
    try {
      await store?.setSetting(SETTING_OPERATING_POINT, value);
      onOperatingPoint(value);
    } catch (err) {
      notify.error(err);
    }
  };

  return (
    <div className="tab-body settings">
      <section>
        <h2>Compute backend</h2>
        <p className="hint">
          Automatic uses WebGPU on a hardware GPU; on a software adapter or without WebGPU it uses WebAssembly (SIMD, with threads when the page is
          cross-origin isolated), then WebGL, then the plain CPU. You can also force one with <code>?backend=webgpu|wasm|webgl|cpu</code> in the address.
        </p>
        <div className="row">
          <label>
            Backend{' '}
            <select value={choice} onChange={(e) => setChoice(e.target.value as BackendPreference)} data-testid="backend-select">
              <option value="auto">Automatic</option>
              {BACKENDS.map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="primary" onClick={() => void apply()} data-testid="backend-apply">
            Save and reload
          </button>
        </div>
        {urlForced && <p className="hint warn">The address forces a backend (?backend=), which overrides the saved choice for this page.</p>}
        <dl className="details" data-testid="runtime-details">
          <dt>Active backend</dt>
          <dd data-testid="settings-backend">{info ? backendLabel(info) : 'not started'}</dd>
          <dt>Requested</dt>
          <dd>{info?.requested ?? preference}</dd>
          <dt>WebGPU adapter</dt>
          <dd>
            {info
              ? info.adapter.available
                ? `${info.adapter.vendor || '?'} / ${info.adapter.architecture || '?'}${info.adapter.device ? ` / ${info.adapter.device}` : ''}; software fallback: ${info.adapter.fallback ? 'yes' : 'no'}`
                : info.adapter.description
              : '…'}
          </dd>
          <dt>Cross-origin isolated</dt>
          <dd data-testid="settings-isolated">{typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated ? 'yes' : 'no'}</dd>
          {info && (
            <>
              <dt>Start-up</dt>
              <dd>
                load {info.loadMs} ms, warm-up {info.warmUpMs} ms
              </dd>
            </>
          )}
          {info && info.notes.length > 0 && (
            <>
              <dt>Notes</dt>
              <dd>
                <ul>
                  {info.notes.map((n, i) => (
                    <li key={i}>{n}</li>
                  ))}
                </ul>
              </dd>
            </>
          )}
        </dl>
      </section>
      {card && (
        <section>
          <h2>Model</h2>
          <dl className="details" data-testid="model-details">
            <dt>Model</dt>
            <dd>
              {card.id} v{card.version} ({card.created?.slice(0, 10)})
            </dd>
            <dt>Architecture</dt>
            <dd>
              {card.architecture.inputHeight}x{card.architecture.inputWidth} input, {card.architecture.embeddingDim}-d embedding, {card.parameters.toLocaleString()}{' '}
              parameters, {card.distanceHead.kind} distance
            </dd>
            <dt>Preprocessing</dt>
            <dd>{card.preprocessing.version}</dd>
            <dt>Decision</dt>
            <dd>
              threshold {card.decision.threshold}, refer band ±{(card.decision.referBand * 100).toFixed(0)}%, {card.decision.aggregate} distance
            </dd>
          </dl>
          {card.decision.operatingPoints.length > 0 && (
            <label>
              Operating point{' '}
              <select value={operatingPoint ?? ''} onChange={(e) => void chooseOperatingPoint(e.target.value)} data-testid="operating-point-select">
                <option value="">Default (threshold {card.decision.threshold})</option>
                {card.decision.operatingPoints.map((op) => (
                  <option key={op.name} value={op.name}>
                    {op.name}: threshold {op.threshold.toFixed(3)} (FAR {(op.validationFar * 100).toFixed(1)}%, FRR {(op.validationFrr * 100).toFixed(1)}%)
                  </option>
                ))}
              </select>
            </label>
          )}
        </section>
      )}
      <section>
        <h2>Storage</h2>
        <p className="hint">
          Customers and reference signatures are kept in this browser only (IndexedDB){estimate ? `: ${estimate}` : ''}. Each reference stores the
          normalised 96x192 image and its embedding, tagged with the model version.
        </p>
      </section>
    </div>
  );
}
