import { useEffect, useRef, useState } from 'react';
import type { SignatureInput } from '../runtime/service';
import { loadSampleImage, loadSampleIndex, type SampleIndex } from './demoSamples';

/**
 * "Try sample signatures": the shipped synthetic writers (invented people, made by the project's
 * generator), each with genuine signatures and skilled forgeries, one click to compare them.
 */
export function SampleSignatures({ disabled, onInputs, onError }: { disabled: boolean; onInputs: (inputs: SignatureInput[]) => Promise<boolean>; onError: (e: unknown) => void }) {
  const [index, setIndex] = useState<SampleIndex | null>(null);
  const [loading, setLoading] = useState(false);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;

  useEffect(() => {
    let live = true;
    loadSampleIndex().then((i) => live && setIndex(i), (e) => live && onErrorRef.current(e));
    return () => {
      live = false;
    };
  }, []);

  const load = async (w: SampleIndex['writers'][0]) => {
    setLoading(true);
    try {
      const images = await Promise.all(w.files.map((f) => loadSampleImage(w, f)));
      await onInputs(images.map(({ blob, name }) => ({ kind: 'blob', blob, name, source: 'file' })));
    } catch (e) {
      onError(e);
    } finally {
      setLoading(false);
    }
  };

  if (!index) return null;
  return (
    <section className="samples" data-testid="demo-samples">
      <h3>Try sample signatures</h3>
      <p className="hint">Invented writers drawn by our synthetic-signature generator: genuine signatures and skilled forgeries of each. No real person's signature.</p>
      <div className="sample-buttons">
        {index.writers.map((w) => (
          <button key={w.label} type="button" data-testid={`demo-sample-${w.label}`} disabled={disabled || loading} onClick={() => void load(w)}>
            Writer {w.label}: “{w.name}” ({w.files.filter((f) => f.kind === 'genuine').length} genuine, {w.files.filter((f) => f.kind === 'forged').length} forged)
          </button>
        ))}
      </div>
    </section>
  );
}
