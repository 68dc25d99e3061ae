import { describe, expect, it } from 'vitest';
import { hub, replayedToLateSubscribers, type AppEvent } from './appEvents';

describe('app event hub', () => {
  it('replays start-up events to a late subscriber, but not input notes', () => {
    const events = hub<AppEvent>(replayedToLateSubscribers); // the app's own hub's rule
    const early: AppEvent[] = [];
    events.on((e) => early.push(e));
    events.emit({ kind: 'db-blocked' });
    events.emit({ kind: 'input-note', message: 'page 1 of 2' });
    events.emit({ kind: 'db-unblocked' });
    expect(early.map((e) => e.kind)).toEqual(['db-blocked', 'input-note', 'db-unblocked']);

    const late: AppEvent[] = [];
    events.on((e) => late.push(e));
    expect(late.map((e) => e.kind)).toEqual(['db-blocked', 'db-unblocked']);
  });

  it('stops delivering after unsubscribing', () => {
    const events = hub<AppEvent>();
    const got: AppEvent[] = [];
    const off = events.on((e) => got.push(e));
    events.emit({ kind: 'db-terminated' });
    off();
    events.emit({ kind: 'db-version-change' });
    expect(got.map((e) => e.kind)).toEqual(['db-terminated']);
  });
});
