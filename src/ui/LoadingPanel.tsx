import { useEffect, useState } from 'react';
import type { RuntimeProgress } from '../runtime/runtime';
import { onBootProgress } from './boot';

/** Model download and warm-up progress. */
export function LoadingPanel() {
  const [p, setP] = useState<RuntimeProgress | null>(null);
  useEffect(() => onBootProgress(setP), []);
  return (
    <section className="loading" data-testid="loading-panel">
      <p>{p?.text ?? 'Starting…'}</p>
      <progress max={1} value={p?.fraction ?? 0} data-testid="runtime-progress" aria-label="Start-up progress" />
      <p className="hint">The model loads once; everything runs on this computer and nothing is uploaded.</p>
    </section>
  );
}
