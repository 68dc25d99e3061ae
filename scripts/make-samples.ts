/**
 * npm run samples: writes the demo's sample signatures (public/samples/) from the synthetic-writer
 * generator: three invented writers, four genuine signatures and two skilled forgeries each, in
 * the scanned-paper look. Ours to ship (no research data). Deterministic: rerunning gives the
 * same files.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSample, writerInk, writerStyleFor } from '../src/synthetic/generator';
import { nodeCanvas } from '../src/synthetic/node/canvas';
import { encodeGreyImagePng, inkBox } from '../src/synthetic/node/writeDataset';
import type { SampleIndex } from '../src/ui/demoSamples';

const OUT = 'public/samples';
const SEED = 7;
// Latin-script writers with readable names, picked once from the generator's range 900000+.
const WRITERS = [900001, 900004, 900011];

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const index: SampleIndex = { generator: 'synth-1', seed: SEED, writers: [] };
WRITERS.forEach((w, k) => {
  const label = String.fromCharCode(65 + k);
  const style = writerStyleFor(SEED, w);
  const files: SampleIndex['writers'][0]['files'] = [];
  for (const s of writerInk(nodeCanvas, SEED, w, { genuine: 4, skilled: 2, otherStyle: 0 })) {
    const file = `${label}-${s.kind}-${s.index + 1}.png`;
    writeFileSync(join(OUT, file), encodeGreyImagePng(renderSample(s, 'scan'), inkBox(s.ink, 24)));
    files.push({ file, kind: s.kind });
  }
  index.writers.push({ label, name: style.text, files });
  console.log(`writer ${label}: "${style.text}" (${files.length} images)`);
});
writeFileSync(join(OUT, 'index.json'), JSON.stringify(index, null, 2) + '\n');
