import { cliArgs, num } from '../../training/cli/args';
import { DEFAULT_COUNTS } from '../generator';
import { SCRIPT_WEIGHTS, type Script } from '../fonts';
import { writeSyntheticSet, type DomainMode } from '../node/writeDataset';

const USAGE = `npm run synth -- --out DIR [options]
  Writes synthetic writers (genuine signatures, skilled and other-style forgeries) in the data set
  layout <DIR>/<writer>/{genuine,forged}/*.png, deterministic by seed; reused if already complete.
  --writers N      number of writers (default 1000)
  --start I        first writer index (default 0; another range gives other writers)
  --seed S         generator seed (default 1)
  --domain D       scan | pad | mixed | both (both: DIR/scan and DIR/pad, the same signatures) (default mixed)
  --genuine G --skilled K --other-style O   signatures per writer (default ${DEFAULT_COUNTS.genuine}, ${DEFAULT_COUNTS.skilled}, ${DEFAULT_COUNTS.otherStyle})
  --scripts LIST   only writers of these scripts: ${Object.keys(SCRIPT_WEIGHTS).join(', ')} (default all, mostly Latin)`;

const a = cliArgs(
  { out: { type: 'string' }, writers: { type: 'string' }, start: { type: 'string' }, seed: { type: 'string' }, domain: { type: 'string' }, genuine: { type: 'string' }, skilled: { type: 'string' }, 'other-style': { type: 'string' }, scripts: { type: 'string' } },
  USAGE,
);
if (!a.out) {
  console.error(`--out is required\n\n${USAGE}`);
  process.exit(2);
}
const domain = (a.domain ?? 'mixed') as DomainMode;
if (!['scan', 'pad', 'mixed', 'both'].includes(domain)) {
  console.error(`--domain must be scan, pad, mixed or both\n\n${USAGE}`);
  process.exit(2);
}
const scripts = a.scripts?.split(',').filter(Boolean) as Script[] | undefined;
if (scripts && (scripts.length === 0 || scripts.some((s) => !(s in SCRIPT_WEIGHTS)))) {
  console.error(`--scripts must name some of ${Object.keys(SCRIPT_WEIGHTS).join(', ')}\n\n${USAGE}`);
  process.exit(2);
}
const t0 = Date.now();
const opts = {
  out: a.out,
  writers: num(a.writers, 1000, 'writers'),
  start: num(a.start, 0, 'start'),
  seed: num(a.seed, 1, 'seed'),
  domain,
  counts: { genuine: num(a.genuine, DEFAULT_COUNTS.genuine, 'genuine'), skilled: num(a.skilled, DEFAULT_COUNTS.skilled, 'skilled'), otherStyle: num(a['other-style'], DEFAULT_COUNTS.otherStyle, 'other-style') },
  ...(scripts ? { scripts } : {}),
};
let last = 0;
const made = await writeSyntheticSet(opts, (done, total) => {
  if (Date.now() - last > 5000 || done === total) {
    last = Date.now();
    console.log(`${done}/${total} writers (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
});
console.log(made ? `wrote ${opts.writers} synthetic writers to ${opts.out} in ${((Date.now() - t0) / 1000).toFixed(1)} s` : `${opts.out} already holds this synthetic set (synthetic.json matches); nothing to do`);
