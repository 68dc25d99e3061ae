import { useEffect, useState, type DragEvent } from 'react';
import { carriesFiles, imageFilesFrom } from '../capture/clipboard';
import { ACCEPT_ATTRIBUTE, ACCEPTED_LABEL } from '../capture/imageHeader';
import type { SignatureInput } from '../runtime/service';

interface Props {
  prefix: string;
  multiple: boolean;
  disabled?: boolean;
  onFiles(inputs: SignatureInput[]): void;
}

const toInputs = (files: File[], source: 'file' | 'drop' | 'paste'): SignatureInput[] =>
  files.map((f, i) => ({ kind: 'blob', blob: f, name: f.name || `${source === 'paste' ? 'pasted image' : 'image'} ${i + 1}`, source }));

/** File picker, drop target and paste (Ctrl+V anywhere on the page while mounted). */
export function DropZone({ prefix, multiple, disabled, onFiles }: Props) {
  const [over, setOver] = useState(false);

  useEffect(() => {
    if (disabled) return;
    const onPaste = (e: ClipboardEvent) => {
      const files = imageFilesFrom(e.clipboardData);
      if (files.length === 0) return; // ordinary text paste into a field
      e.preventDefault();
      onFiles(toInputs(files, 'paste'));
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [disabled, onFiles]);

  const onDragOver = (e: DragEvent) => {
    if (!carriesFiles(e.dataTransfer)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
    setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    const files = imageFilesFrom(e.dataTransfer);
    if (files.length) onFiles(toInputs(files, 'drop'));
  };

  return (
    <div
      className={`drop-zone${over ? ' over' : ''}${disabled ? ' disabled' : ''}`}
      data-testid={`${prefix}-drop-zone`}
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p>
        Drop {multiple ? 'signature images' : 'a signature image'} here, paste one with <kbd>Ctrl</kbd>+<kbd>V</kbd>, or
      </p>
      <label className={`button${disabled ? ' disabled' : ''}`}>
        Choose {multiple ? 'files' : 'a file'}…
        <input
          type="file"
          className="visually-hidden"
          accept={ACCEPT_ATTRIBUTE}
          multiple={multiple}
          disabled={disabled}
          data-testid={`${prefix}-file-input`}
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = '';
            if (files.length) onFiles(toInputs(files, 'file'));
          }}
        />
      </label>
      <p className="hint">
        {ACCEPTED_LABEL}, up to 24 megapixels{multiple ? '; several at once' : ''}.
      </p>
    </div>
  );
}
