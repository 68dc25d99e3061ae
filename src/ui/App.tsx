import { useCallback, useEffect, useMemo, useState } from 'react';
import { SETTING_OPERATING_POINT } from '../storage';
import { AppContext, type AppState } from './appContext';
import { boot, type BootResult } from './boot';
import { DemoTab } from './DemoTab';
import { EnrollTab } from './EnrollTab';
import { errorLines } from './errorText';
import { LoadingPanel } from './LoadingPanel';
import { MessageArea } from './MessageArea';
import { MessagesProvider, useNotifier } from './messages';
import { SettingsTab } from './SettingsTab';
import { StatusBar } from './StatusBar';
import { Tabs, type TabId } from './Tabs';
import { VerifyTab } from './VerifyTab';

export function App() {
  return (
    <MessagesProvider>
      <Shell />
    </MessagesProvider>
  );
}

function Shell() {
  const notify = useNotifier();
  const [booted, setBooted] = useState<BootResult | null>(null);
  const [tab, setTab] = useState<TabId>('enroll');
  const [dataVersion, setDataVersion] = useState(0);
  const [operatingPoint, setOperatingPoint] = useState<string | null>(null);
  // The customer picked on Enroll is preselected on Verify and vice versa.
  const [customerId, setCustomerId] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void boot().then(async (b) => {
      if (!live) return;
      if (b.store) {
        const op = await b.store.getSetting<string | null>(SETTING_OPERATING_POINT, null).catch(() => null);
        if (live) setOperatingPoint(op);
      }
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
        ? { service: booted.service, store: booted.store, operatingPoint, dataVersion, dataChanged }
        : null,
    [booted, operatingPoint, dataVersion, dataChanged],
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
      <main id="tab-panel" role="tabpanel" aria-labelledby={`tab-${tab}`} data-testid={`panel-${tab}`}>
        {booted === null ? (
          <LoadingPanel />
        ) : tab === 'settings' ? (
          <SettingsTab
            store={booted.store}
            service={booted.service}
            preference={booted.preference}
            operatingPoint={operatingPoint}
            onOperatingPoint={setOperatingPoint}
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
