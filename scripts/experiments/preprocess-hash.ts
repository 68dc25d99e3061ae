/**
 * One hash of everything preprocessing gives (raster, ink box, ink fraction, or the error message)
 * for every image of cedar-dev and BHSig, pp1 and pp2, and the mean time per image (one core).
 * A speed change to src/preprocessing must leave the hash unchanged: run this on the old commit
 * (a worktree) and on the new one.
 *   npx tsx scripts/experiments/preprocess-hash.ts [every-Nth-image]
 */
import { readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { preprocess, PREPROCESS_VERSIONS } from '../../src/preprocessing';
import { sharedDataset } from '../../src/testing/sharedData';
import { decodeImageFile } from '../../src/training/data/decodeNode';

const every = Number(process.argv[2] ?? 1);
const files: string[] = [];
for (const name of ['cedar-dev', 'bhsig260-bengali'] as const) {
  const d = sharedDataset(name);
  for (const w of readdirSync(d).filter((x) => !x.includes('.')).sort())
    for (const k of ['genuine', 'forged']) for (const f of readdirSync(join(d, w, k)).sort()) files.push(join(d, w, k, f));
}
const images = files.filter((_, i) => i % every === 0).map((f) => decodeImageFile(f));
const hash = createHash('sha1');
let ms = 0;
const versions = PREPROCESS_VERSIONS.filter((v) => v.endsWith('96x192'));
for (const version of versions)
  for (const im of images) {
    const t = performance.now();
    try {
      const r = preprocess(im, { version });
      ms += performance.now() - t;
      hash.update(Buffer.from(r.data.buffer));
      hash.update(JSON.stringify(r.box) + r.inkFraction);
    } catch (e) {
      hash.update(String((e as Error).message));
    }
  }
console.log(`${images.length} images x ${versions.join(', ')}: sha1 ${hash.digest('hex')}, ${(ms / images.length / versions.length).toFixed(3)} ms per image`);
