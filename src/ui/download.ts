/** Offers a file to the user as a download (stays on this device; no network). */
export function downloadFile(name: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 2025-01-02T03-04-05 for file names. */
export function fileStamp(d = new Date()): string {
  return d.toISOString().slice(0, 19).replace(/:/g, '-');
}
