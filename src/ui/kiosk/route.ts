export const KIOSK_IDLE_DEFAULT_S = 60;
export const KIOSK_IDLE_MIN_S = 2;
export const KIOSK_IDLE_MAX_S = 3600;

export interface KioskOptions {
  kiosk: boolean;
  /** Idle time after which the kiosk clears itself, in milliseconds. */
  idleMs: number;
}

/**
 * Kiosk mode is `#/kiosk` or `?mode=kiosk`; `?idle=SECONDS` sets the idle reset (clamped to
 * 2 s .. 1 h; e2e tests use a short one).
 */
export function kioskOptions(search: string, hash: string): KioskOptions {
  const q = new URLSearchParams(search);
  const kiosk = q.get('mode') === 'kiosk' || /^#\/?kiosk\b/.test(hash);
  const raw = Number(q.get('idle'));
  const s = q.has('idle') && Number.isFinite(raw) ? Math.min(KIOSK_IDLE_MAX_S, Math.max(KIOSK_IDLE_MIN_S, raw)) : KIOSK_IDLE_DEFAULT_S;
  return { kiosk, idleMs: Math.round(s * 1000) };
}
