import { useEffect, useRef, useState } from 'react';
import { SignaturePad } from '../capture/signaturePad';
import type { SignatureInput } from '../runtime/service';

interface Props {
  prefix: string;
  disabled?: boolean;
  /** Receives the drawing; resolves true when it was used (the pad is then cleared). */
  onDrawing(input: SignatureInput): Promise<boolean>;
  onError(err: unknown): void;
  /** Label of the submit button (default "Use drawing"). */
  useLabel?: string;
}

/** Signature pad with Clear, Undo and "Use drawing". */
export function PadPanel({ prefix, disabled, onDrawing, onError, useLabel = 'Use drawing' }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const [strokes, setStrokes] = useState(0);

  useEffect(() => {
    if (!canvasRef.current) return;
    const pad = new SignaturePad(canvasRef.current, { onChange: setStrokes });
    padRef.current = pad;
    return () => {
      pad.destroy();
      padRef.current = null;
    };
  }, []);

  const use = async () => {
    const pad = padRef.current;
    if (!pad) return;
    let pixels;
    try {
      pixels = pad.toPixelImage();
    } catch (err) {
      onError(err);
      return;
    }
    if (await onDrawing({ kind: 'pixels', pixels, name: 'drawing', source: 'pad', strokes: pad.getStrokes() })) pad.clear();
  };

  return (
    <div className="pad-panel">
      <canvas
        ref={canvasRef}
        className="pad"
        data-testid={`${prefix}-pad`}
        data-strokes={strokes}
        aria-label="Signature pad: sign here with a mouse, finger or pen"
      />
      {strokes === 0 && <span className="pad-hint">Sign here with a mouse, finger or pen</span>}
      <div className="pad-buttons">
        <button type="button" data-testid={`${prefix}-pad-clear`} onClick={() => padRef.current?.clear()} disabled={disabled || strokes === 0}>
          Clear
        </button>
        <button type="button" data-testid={`${prefix}-pad-undo`} onClick={() => padRef.current?.undo()} disabled={disabled || strokes === 0}>
          Undo
        </button>
        <button type="button" className="primary" data-testid={`${prefix}-pad-use`} onClick={() => void use()} disabled={disabled}>
          {useLabel}
        </button>
      </div>
    </div>
  );
}
