import { DropZone } from './DropZone';
import { PadPanel } from './PadPanel';
import type { SignatureInput } from '../runtime/service';

interface Props {
  prefix: string;
  title: string;
  multiple: boolean;
  disabled?: boolean;
  /** Receives inputs; resolves true when they were used. */
  onInputs(inputs: SignatureInput[]): Promise<boolean>;
  onError(err: unknown): void;
}

/** The four ways to give a signature: draw, choose files, drop, paste. */
export function SignatureInputPanel({ prefix, title, multiple, disabled, onInputs, onError }: Props) {
  return (
    <fieldset className="input-panel" data-testid={`${prefix}-input`} disabled={disabled}>
      <legend>{title}</legend>
      <div className="input-grid">
        <PadPanel prefix={prefix} disabled={disabled} onDrawing={(i) => onInputs([i])} onError={onError} />
        <DropZone prefix={prefix} multiple={multiple} disabled={disabled} onFiles={(i) => void onInputs(i)} />
      </div>
    </fieldset>
  );
}
