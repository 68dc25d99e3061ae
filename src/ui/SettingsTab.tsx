import { useState } from 'react';
import { BACKENDS, type BackendPreference } from '../runtime/backends';
import type { CountersignService } from '../runtime/service';
import type { DecisionPolicy } from '../runtime/policy';
import { SETTING_BACKEND, type SignatureStore } from '../storage';
import { BackupSection } from './settings/BackupSection';
import { DataSafetySection } from './settings/DataSafetySection';
import { PolicySection } from './settings/PolicySection';
import { useNotifier } from './messages';
import { backendLabel } from './StatusBar';

interface Props {
  store: SignatureStore | null;
  service: CountersignService | null;
  preference: BackendPreference;
  policy: DecisionPolicy;
  onPolicy(p: DecisionPolicy): void;
  onDataChanged(): void;
}

/** Backend choice (persisted; reloads the page), runtime details, decision policy, data safety and backup. */
export function SettingsTab({ store, service, preference, policy, onPolicy, onDataChanged }: Props) {
  const notify = useNotifier();
  const [choice, setChoice] = useState<BackendPreference>(preference);
  const info = service?.runtime.info ?? null;
  const card = service?.card ?? null;
  const urlForced = new URLSearchParams(location.search).has('backend');

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
        </section>
      )}
      {service && store && <PolicySection store={store} card={service.card} policy={policy} onPolicy={onPolicy} />}
      <DataSafetySection />
      {store && <BackupSection store={store} service={service} onDataChanged={onDataChanged} />}
    </div>
  );
}
