export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Calls onIdle once after `timeoutMs` without activity. poke() restarts the wait; after onIdle
 * the timer is disarmed until the next poke (an untouched screen is not reset again and again).
 */
export class IdleTimer {
  private handle: unknown = null;
  constructor(
    private readonly timeoutMs: number,
    private readonly onIdle: () => void,
    private readonly clock: Clock = realClock,
  ) {}

  poke(): void {
    this.stop();
    this.handle = this.clock.setTimeout(() => {
      this.handle = null;
      this.onIdle();
    }, this.timeoutMs);
  }

  get armed(): boolean {
    return this.handle !== null;
  }

  stop(): void {
    if (this.handle !== null) this.clock.clearTimeout(this.handle);
    this.handle = null;
  }
}
