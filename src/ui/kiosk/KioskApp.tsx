import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { normalisePolicy, type DecisionPolicy } from '../../runtime/policy';
import { SETTING_OPERATING_POINT, SETTING_REFER_BAND } from '../../storage';
import { boot, type BootResult } from '../boot';
import { errorLines } from '../errorText';
import { LoadingPanel } from '../LoadingPanel';
import { MessageArea } from '../MessageArea';
import { useNotifier } from '../messages';
import { IdleTimer } from './idleTimer';
import { KioskFlow } from './KioskFlow';

/**
 * Kiosk: full screen, large touch targets, one customer at a time by id; nothing to browse.
 * After `idleMs` without a touch or key the screen clears itself (id, drawing, verdict, messages).
 */
export function KioskApp({ idleMs }: { idleMs: number }) {
  const notify = useNotifier();
  const [booted, setBooted] = useState<BootResult | null>(null);
  const [policy, setPolicy] = useState<DecisionPolicy>({ operatingPoint: null, referBand: null });
  const [session, setSession] = useState(0);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void boot().then(async (b) => {
      if (!live) return;
      if (b.store && b.service) {
        const [op, band] = await Promise.all([
          b.store.getSetting<string | null>(SETTING_OPERATING_POINT, null).catch(() => null),
          b.store.getSetting<number | null>(SETTING_REFER_BAND, null).catch(() => null),
        ]);
        if (live) setPolicy(normalisePolicy({ operatingPoint: op, referBand: band }, b.service.card.decision));
      }
      if (!live) return;
      setBooted(b);
      if (b.error) notify.error(b.error);
    });
    return () => {
      live = false;
    };
  }, [notify]);

  const reset = useCallback(() => {
    notify.clear();
    setSession((s) => s + 1);
  }, [notify]);

  const timer = useMemo(() => new IdleTimer(idleMs, reset), [idleMs, reset]);
  useEffect(() => {
    const poke = () => timer.poke();
    const events = ['pointerdown', 'pointermove', 'keydown', 'input', 'touchstart'] as const;
    events.forEach((e) => document.addEventListener(e, poke, { passive: true, capture: true }));
    return () => {
      events.forEach((e) => document.removeEventListener(e, poke, { capture: true }));
      timer.stop();
    };
  }, [timer]);

  const fullScreen = () => {
    void rootRef.current?.requestFullscreen?.().catch(() => undefined);
  };

  const ready = Boolean(booted?.service && booted.store);
  return (
    <div
      className="kiosk"
      ref={rootRef}
      data-testid="kiosk"
      data-ready={ready ? 'true' : 'false'}
      data-session={session}
      onPointerDown={() => {
        if (!document.fullscreenElement) fullScreen();
      }}
    >
      <header className="kiosk-header">
        <h1>Signature check</h1>
        <button type="button" className="kiosk-small" onClick={fullScreen} aria-label="Full screen">
          ⛶
        </button>
      </header>
      <MessageArea />
      {booted === null ? (
        <LoadingPanel />
      ) : !booted.service || !booted.store ? (
        <p className="kiosk-failed" data-testid="startup-failed">
          This kiosk could not start: {errorLines(booted.error).join(' ')} Please ask a member of staff.
        </p>
      ) : (
        <KioskFlow key={session} service={booted.service} policy={policy} onDone={reset} />
      )}
      <footer className="kiosk-footer">Your signature is checked on this device only and never sent anywhere.</footer>
    </div>
  );
}
