import { useEffect, useState } from 'react';
import { onReembedState, type ReembedState } from './appEvents';

/** Progress of re-embedding stored references after a model change. */
export function ReembedBanner() {
  const [s, setS] = useState<ReembedState | null>(null);
  useEffect(() => onReembedState(setS), []);
  if (!s || s.state === 'idle' || (s.state === 'done' && s.total === 0)) return null;
  return (
    <div
      className={`reembed-banner reembed-${s.state}`}
      role="status"
      data-testid="reembed-status"
      data-state={s.state}
      data-done={s.done}
      data-total={s.total}
    >
      {s.state === 'running' && (
        <>
          Updating reference signatures for the new model: {s.done} of {s.total}{' '}
          <progress max={s.total} value={s.done} aria-label="Re-embedding progress" />
          <span className="hint"> Safe to close: it carries on next time.</span>
        </>
      )}
      {s.state === 'done' && (
        <>
          {s.total - s.skipped} reference signature(s) were updated for the new model.
          {s.skipped > 0 && ` ${s.skipped} were prepared with older preprocessing and must be enrolled again.`}
        </>
      )}
      {s.state === 'failed' && <>Updating references for the new model stopped: {s.error}. It will be retried on the next start; nothing was lost.</>}
    </div>
  );
}
