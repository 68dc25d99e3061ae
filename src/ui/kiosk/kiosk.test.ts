import { describe, expect, it } from 'vitest';
import { IdleTimer, type Clock } from './idleTimer';
import { kioskOptions } from './route';

function fakeClock() {
  let t = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const clock: Clock = {
    setTimeout: (fn, ms) => (timers.set(next, { at: t + ms, fn }), next++),
    clearTimeout: (h) => void timers.delete(h as number),
  };
  const advance = (ms: number) => {
    t += ms;
    for (const [h, x] of [...timers]) if (x.at <= t) (timers.delete(h), x.fn());
  };
  return { clock, advance };
}

describe('kiosk route', () => {
  it('recognises the kiosk URL and the idle parameter', () => {
    expect(kioskOptions('', '')).toEqual({ kiosk: false, idleMs: 60_000 });
    expect(kioskOptions('?mode=kiosk', '').kiosk).toBe(true);
    expect(kioskOptions('', '#/kiosk').kiosk).toBe(true);
    expect(kioskOptions('', '#kiosk').kiosk).toBe(true);
    expect(kioskOptions('', '#/kiosks-elsewhere').kiosk).toBe(false);
    expect(kioskOptions('?mode=kiosk&idle=3', '').idleMs).toBe(3000);
    expect(kioskOptions('?idle=0.1', '').idleMs).toBe(2000);
    expect(kioskOptions('?idle=abc', '').idleMs).toBe(60_000);
    expect(kioskOptions('?idle=99999', '').idleMs).toBe(3_600_000);
  });
});

describe('IdleTimer', () => {
  it('fires once after the timeout without activity and restarts on activity', () => {
    const { clock, advance } = fakeClock();
    let fired = 0;
    const t = new IdleTimer(1000, () => fired++, clock);
    t.poke();
    advance(900);
    t.poke();
    advance(900);
    expect(fired).toBe(0);
    advance(100);
    expect(fired).toBe(1);
    expect(t.armed).toBe(false);
    advance(5000);
    expect(fired).toBe(1);
    t.poke();
    t.stop();
    advance(5000);
    expect(fired).toBe(1);
  });
});
