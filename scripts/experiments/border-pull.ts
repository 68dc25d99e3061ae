/**
 * How far lines along the page's edges and a form's box pull the ink threshold (`borderPull` of preprocess):
 * for every image under each DIR (any depth) with edge ink cleared or a box found, the count and the smallest,
 * median and largest pull. preprocess thresholds again above 0.1 (BORDER_LINE_PULL).
 *   npx tsx scripts/experiments/border-pull.ts ../shared/data/cedar-dev .cache/rescaled/box/cedar-dev
 * (recipe-replay.ts prints the largest pull among the training's images.)
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { preprocess } from '../../src/preprocessing';
import { decodeImageFile } from '../../src/training/data/decodeNode';

const images = (dir: string): string[] =>
  readdirSync(dir).sort().flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? images(p) : /\.(png|jpe?g)$/i.test(f) ? [p] : [];
  });
for (const dir of process.argv.slice(2)) {
  const files = images(dir);
  const pulls: number[] = [];
  for (const f of files) {
    try {
      const r = preprocess(decodeImageFile(f));
      if (r.borderInk > 0 || r.formBox) pulls.push(r.borderPull);
    } catch {
      // refused images (blank, too much ink) have no pull to report
    }
  }
  pulls.sort((a, b) => a - b);
  const f3 = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(3));
  console.log(`${dir}: ${files.length} images, ${pulls.length} with edge lines or a box; pull min ${f3(pulls[0])}, median ${f3(pulls[pulls.length >> 1])}, max ${f3(pulls[pulls.length - 1])}`);
}
