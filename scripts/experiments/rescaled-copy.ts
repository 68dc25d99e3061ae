/**
 * Writes the validation writers of a data set rescaled by a factor, as if scanned at another
 * resolution (research data: the copy goes under .cache/, never into the repository):
 *   npx tsx scripts/experiments/rescaled-copy.ts ../shared/data/cedar-dev 2 .cache/rescaled/x2
 *   npm run eval -- --data .cache/rescaled/x2/cedar-dev --split validation --refs 5 --json F
 * Enlarging is bilinear, shrinking area-averaged (src/preprocessing/resample.ts); --bilevel
 * thresholds the result at mid-grey again (a bi-level scanner at that resolution, as BHSig's).
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { toGrey } from '../../src/preprocessing/greyscale';
import { resampleArea } from '../../src/preprocessing/resample';
import { isValidationWriter } from '../../src/training/data/split';
import { decodeImageFile, encodeGreyPng } from '../../src/training/data/decodeNode';

const [root, factorArg, outRoot, flag] = process.argv.slice(2);
const factor = Number(factorArg);
if (!root || !(factor > 0) || !outRoot) {
  console.error('usage: npx tsx scripts/experiments/rescaled-copy.ts DATA_DIR FACTOR OUT_DIR [--bilevel]');
  process.exit(2);
}
const dataset = basename(root.replace(/\/+$/, ''));
let n = 0;
for (const writer of readdirSync(root).filter((w) => isValidationWriter({ dataset, writer: w })).sort()) {
  for (const kind of ['genuine', 'forged']) {
    const dir = join(outRoot, dataset, writer, kind);
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(join(root, writer, kind)).sort()) {
      const grey = toGrey(decodeImageFile(join(root, writer, kind, f)));
      const w = Math.max(1, Math.round(grey.width * factor));
      const h = Math.max(1, Math.round(grey.height * factor));
      const data = resampleArea(grey, 0, 0, grey.width, grey.height, w, h);
      if (flag === '--bilevel') for (let i = 0; i < data.length; i++) data[i] = data[i] < 0.5 ? 0 : 1;
      writeFileSync(join(dir, f.replace(/\.\w+$/, '.png')), encodeGreyPng(data, w, h, false));
      n++;
    }
  }
}
console.log(`${n} images of ${dataset}'s validation writers, x${factor}${flag === '--bilevel' ? ', bi-level' : ''}, in ${join(outRoot, dataset)}`);
