import { useCallback, useEffect, useMemo, useState } from 'react';
import { normalisePolicy, type DecisionPolicy } from '../runtime/policy';
import { SETTING_OPERATING_POINT, SETTING_REFER_BAND } from '../storage';
import { AppContext, type AppState } from './appContext';
import { AppNotices } from './AppNotices';
import { AuditTab } from './audit/AuditTab';
import { boot, type BootResult } from './boot';
import { CustomersTab } from './customers/CustomersTab';
import { DemoTab } from './DemoTab';
import { EnrollTab } from './EnrollTab';
import { errorLines } from './errorText';
import { KioskApp } from './kiosk/KioskApp';
import { kioskOptions } from './kiosk/route';
import { LoadingPanel } from './LoadingPanel';
import { MessageArea } from './MessageArea';
import { MessagesProvider, useNotifier } from './messages';
import { ReembedBanner } from './ReembedBanner';
import { SettingsTab } from './SettingsTab';
import { StatusBar } from './StatusBar';
import { Tabs, type TabId } from './Tabs';
import { VerifyTab } from './VerifyTab';

export function App() {
  const kiosk = kioskOptions(location.search, location.hash);
  return (
    <MessagesProvider>
      <AppNotices />
      {kiosk.kiosk ? <KioskApp idleMs={kiosk.idleMs} /> : <Shell />}
    </MessagesProvider>
  );
}

/** Loads the decision policy saved in settings. */
async function loadPolicy(b: BootResult): Promise<DecisionPolicy> {
  if (!b.store) return { operatingPoint: null, referBand: null };
  const [op, band] = await Promise.all([
    b.store.getSetting<string | null>(SETTING_OPERATING_POINT, null).catch(() => null),
    b.store.getSetting<number | null>(SETTING_REFER_BAND, null).catch(() => null),
  ]);
  const raw = { operatingPoint: op, referBand: band };
  return b.service ? normalisePolicy(raw, b.service.card.decision) : raw;
}

function Shell() {
  const notify = useNotifier();
  const [booted, setBooted] = useState<BootResult | null>(null);
  const [tab, setTab] = useState<TabId>('enroll');
  const [dataVersion, setDataVersion] = useState(0);
  const [policy, setPolicy] = useState<DecisionPolicy>({ operatingPoint: null, referBand: null });
  // The customer picked on Enroll is preselected on Verify and vice versa.
  const [customerId, setCustomerId] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void boot().then(async (b) => {
      if (!live) return;
      const p = await loadPolicy(b);
      if (!live) return;
      setPolicy(p);
      setBooted(b);
      if (b.error) {
        notify.error(b.error);
        setTab('settings');
      }
    });
    return () => {
      live = false;
    };
  }, [notify]);

  const dataChanged = useCallback(() => setDataVersion((v) => v + 1), []);
  const state = useMemo<AppState | null>(
    () =>
      booted?.service && booted.store
        ? { service: booted.service, store: booted.store, operatingPoint: policy.operatingPoint, policy, dataVersion, dataChanged }
        : null,
    [booted, policy, dataVersion, dataChanged],
  );
  const ready = state !== null;
  const info = booted?.service?.runtime.info ?? null;

  return (
    <div className="app" data-testid="app" data-ready={ready ? 'true' : 'false'}>
      <header className="app-header">
        <div className="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <div>
            <h1>Countersign</h1>
            <p className="tagline">Signature verification that runs entirely in this browser</p>
          </div>
        </div>
        <StatusBar info={info} />
      </header>
      <Tabs active={tab} onChange={setTab} disabled={(t) => t !== 'settings' && booted !== null && !ready} />
      <MessageArea />
      <ReembedBanner />
      <main id="tab-panel" role="tabpanel" aria-labelledby={`tab-${tab}`} data-testid={`panel-${tab}`}>
        {booted === null ? (
          <LoadingPanel />
        ) : tab === 'settings' ? (
          <SettingsTab
            store={booted.store}
            service={booted.service}
            preference={booted.preference}
            policy={policy}
            onPolicy={setPolicy}
            onDataChanged={dataChanged}
          />
        ) : !state ? (
          <section className="placeholder" data-testid="startup-failed">
            <p>The verifier could not start: {errorLines(booted.error).join(' ')}</p>
            <p>Try another backend on the Settings tab, or reload the page.</p>
          </section>
        ) : (
          <AppContext.Provider value={state}>
            {tab === 'enroll' && <EnrollTab selectedId={customerId} onSelect={setCustomerId} />}
            {tab === 'verify' && <VerifyTab selectedId={customerId} onSelect={setCustomerId} />}
            {tab === 'customers' && <CustomersTab selectedId={customerId} onSelect={setCustomerId} />}
            {tab === 'audit' && <AuditTab />}
            {tab === 'demo' && <DemoTab />}
          </AppContext.Provider>
        )}
      </main>
      <footer className="app-footer">
        Images never leave this computer. Verdicts support, not replace, the teller&apos;s judgement.
      </footer>
    </div>
  );
}
