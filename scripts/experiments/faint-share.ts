/**
 * Share of each page with faint darkness (preprocess's faintShare, src/preprocessing/backgroundPattern.ts: 0.1-0.35
 * after the preprocessing's paper-level normalisation): low on plain scans, high on patterned cheque backgrounds (docs/scan-conditions.md).
 *   npx tsx scripts/experiments/faint-share.ts ../shared/data/cedar-dev .cache/rescaled/pattern/cedar-dev
 * Prints min, 1st percentile, median, 99th percentile and max per data folder; with --above X, also how
 * many images exceed X.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { preprocess } from '../../src/preprocessing';
import { decodeImageFile } from '../../src/training/data/decodeNode';

const args = process.argv.slice(2);
const at = args.indexOf('--above');
const above = at >= 0 ? Number(args.splice(at, 2)[1]) : null;
for (const dir of args) {
  const shares: number[] = [];
  let refused = 0;
  for (const w of readdirSync(dir).filter((x) => !x.includes('.')).sort())
    for (const kind of ['genuine', 'forged'])
      for (const f of readdirSync(join(dir, w, kind))) {
        try {
          shares.push(preprocess(decodeImageFile(join(dir, w, kind, f))).faintShare);
        } catch {
          refused++; // blank or unusable: no share to report
        }
      }
  shares.sort((a, b) => a - b);
  const q = (p: number) => shares[Math.min(shares.length - 1, Math.floor(p * shares.length))].toFixed(4);
  const over = above === null ? '' : `, ${shares.filter((x) => x > above).length} above ${above}`;
  console.log(`${dir}: ${shares.length} images${refused ? ` (${refused} refused by preprocess)` : ''}, faint share min ${q(0)} p1 ${q(0.01)} median ${q(0.5)} p99 ${q(0.99)} max ${q(1)}${over}`);
}
