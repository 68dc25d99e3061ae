import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The research data sets live beside the repository in ../shared/data and are read at run
 * time (never copied into the repo). Tests that need them call this; it fails loudly if absent.
 */
export const SHARED_DATA = resolve(process.env.COUNTERSIGN_DATA ?? join(import.meta.dirname ?? __dirname, '../../../shared/data'));

export function sharedDataset(name: 'cedar-dev' | 'bhsig260-bengali'): string {
  const dir = join(SHARED_DATA, name);
  if (!existsSync(dir)) throw new Error(`test data not found at ${dir}: the repository expects ../shared/data beside it`);
  return dir;
}
