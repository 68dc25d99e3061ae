/** Image files from a paste or drop event's DataTransfer (other items are ignored). */
export function imageFilesFrom(dt: DataTransfer | null): File[] {
  if (!dt) return [];
  const files: File[] = [];
  if (dt.files && dt.files.length) {
    for (const f of Array.from(dt.files)) files.push(f);
    return files;
  }
  for (const item of Array.from(dt.items ?? [])) {
    if (item.kind === 'file') {
      const f = item.getAsFile();
      if (f) files.push(f);
    }
  }
  return files;
}

/** True when a DataTransfer being dragged carries files (as opposed to text or links). */
export function carriesFiles(dt: DataTransfer | null): boolean {
  if (!dt) return false;
  return Array.from(dt.types ?? []).includes('Files');
}
