/**
 * npm run bench -- [--json FILE] [--backends webgpu,wasm,webgl,cpu] [--runs N] [--cold N]
 *                  [--memory-runs N] [--customers N] [--budget-s S] [--markdown FILE] [--merge]
 *                  [--model DIR]
 *
 * --model DIR: benchmark the model exported in DIR (e.g. runs/small) instead of the default of
 * models/index.json; it is copied into the benchmark build only, never into models/.
 *
 * --merge: re-measure only the given backends and replace them in an existing --json FILE (for a
 * backend whose run was disturbed by other work; the file then lists every command in "commands").
 *
 * Builds the benchmark page (bench.html, with the app's own Vite config: same plugins, wasm
 * binaries and models), serves it with `vite preview` (COOP/COEP, so wasm threads work) on a free
 * port, and drives it in Debian's Chromium with the same launch flags as the e2e tests. For each
 * backend it measures our model and the SigNet peer (Dey et al. 2017, random weights) in the same
 * page: cold start, warm verification p50/p95, batch-16 embedding throughput, enrolling customers
 * with 5 references, tf.memory() before/after many verifications. Writes JSON and prints a table.
 * Each backend runs in a freshly launched browser, so none measures in another's leftovers.
 *
 * Full protocol on every backend: cold x3 (median), verification x100 (>= 50), memory x200,
 * 100 customers x 5 references. Backends slower than wasm (software WebGPU, webgl, cpu) stop a
 * measurement after --budget-s seconds once a minimum count is reached; the counts actually run
 * are in the JSON (verify_runs, memory_runs, enroll_customers) and enrol time is then
 * extrapolated to 100 customers (enroll_100_extrapolated: true). wasm is never cut short.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build, preview, type PreviewServer } from 'vite';
import type { BenchApi, LoadReport, Subject } from '../src/bench/main';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { isModelId } from '../src/model/modelCard';
import { mergeResults, renderTable, type BenchResult, type Figures } from '../src/bench/report';
import { median, ratio, round, summarize } from '../src/bench/stats';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA_DIR = resolve(repoRoot, '../shared/data/cedar-dev');
const OUT_DIR = resolve(repoRoot, '.cache/bench-dist');
const ALL_BACKENDS = ['webgpu', 'wasm', 'webgl', 'cpu'] as const;
type Backend = (typeof ALL_BACKENDS)[number];

/** The e2e launch facts, shared with playwright.config.ts. */
const LAUNCH_ARGS = CHROMIUM_ARGS;

interface Options {
  json: string | null;
  markdown: string | null;
  backends: Backend[];
  runs: number;
  cold: number;
  memoryRuns: number;
  customers: number;
  batch: number;
  batchRuns: number;
  budgetS: number;
  /** Merge the measured backends into an existing --json FILE instead of replacing it. */
  merge: boolean;
  /** An exported model folder to benchmark instead of the default model. */
  model: string | null;
}

/** Query parameter that makes bench.html load the --model model ('' for the default). */
let modelQuery = '';

/** A mistake in the command line: printed without a stack trace. */
class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const o: Options = { json: null, markdown: null, backends: [...ALL_BACKENDS], runs: 100, cold: 3, memoryRuns: 200, customers: 100, batch: 16, batchRuns: 10, budgetS: 30, merge: false, model: null };
  const num = (v: string | undefined, name: string) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 1) throw new UsageError(`${name} needs a positive number, got ${v}`);
    return Math.floor(n);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const val = () => inline ?? argv[++i];
    switch (flag) {
      case '--json': o.json = val(); break;
      case '--markdown': o.markdown = val(); break;
      case '--backends': {
        const list = val().split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
        for (const b of list) if (!(ALL_BACKENDS as readonly string[]).includes(b)) throw new UsageError(`unknown backend ${b} (use ${ALL_BACKENDS.join(',')})`);
        o.backends = list as Backend[];
        break;
      }
      case '--runs': o.runs = num(val(), '--runs'); break;
      case '--cold': o.cold = num(val(), '--cold'); break;
      case '--memory-runs': o.memoryRuns = num(val(), '--memory-runs'); break;
      case '--customers': o.customers = num(val(), '--customers'); break;
      case '--batch': o.batch = num(val(), '--batch'); break;
      case '--batch-runs': o.batchRuns = num(val(), '--batch-runs'); break;
      case '--budget-s': o.budgetS = num(val(), '--budget-s'); break;
      case '--merge': o.merge = true; break;
      case '--model': {
        const dir = val();
        for (const f of ['model.json', 'model-card.json']) if (!existsSync(join(dir, f))) throw new UsageError(`--model ${dir}: no ${f} there (give a folder written by npm run train)`);
        o.model = dir;
        break;
      }
      case '--help':
      case '-h':
        console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
        process.exit(0);
        break;
      default:
        throw new UsageError(`unknown option ${a} (see --help)`);
    }
  }
  return o;
}

function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** What else is running that would load the CPU (another engineer's training or browser suite). */
function otherLoad(): { training: boolean; playwright: boolean; loadavg: number[] } {
  return {
    training: sh('pgrep', ['-f', 'cli/train.ts']) !== '',
    playwright: sh('pgrep', ['-f', 'playwright test']) !== '',
    loadavg: os.loadavg().map((v) => Math.round(v * 100) / 100),
  };
}

function machine(browser: Browser) {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const flags = /^flags\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.split(' ') ?? [];
  return {
    cpu: model,
    cores: os.cpus().length,
    cpu_flags: ['avx2', 'avx512f', 'fma'].filter((f) => flags.includes(f)),
    memory_gib: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: browser.version(),
    chromium_cli: sh(CHROMIUM_PATH, ['--version']).split('\n')[0],
    gpu: 'none (WebGPU in this Chromium is SwiftShader, a software adapter)',
  };
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => res(port));
    });
  });
}

/** Builds only bench.html with the app's vite.config.ts (plugins, wasm, models) into .cache/bench-dist. */
async function buildBench(): Promise<void> {
  await build({
    root: repoRoot,
    logLevel: 'warn',
    build: { outDir: OUT_DIR, emptyOutDir: true },
    plugins: [
      {
        name: 'countersign-bench-only',
        enforce: 'pre',
        // The app's own pages are not needed to benchmark, and building only the bench page keeps
        // the benchmark independent of unrelated UI work in progress.
        options(o) {
          return { ...o, input: { bench: resolve(repoRoot, 'bench.html') } };
        },
      },
    ],
  });
}

function cedarFile(writer: number, kind: 'genuine' | 'forged', n: number): string {
  const f = join(DATA_DIR, String(writer).padStart(3, '0'), kind, `${String(n).padStart(2, '0')}.png`);
  if (!existsSync(f)) throw new Error(`missing research data ${f} (../shared/data beside the repository, see README)`);
  return f;
}

/** Realistic images, read at run time and never copied into the repository. */
function loadImages() {
  const b64 = (f: string) => readFileSync(f).toString('base64');
  const QW = 31; // a validation writer (src/training/data/split.ts): never trained on
  const refs = [1, 2, 3, 4, 5].map((n) => cedarFile(QW, 'genuine', n));
  const questioned = cedarFile(QW, 'genuine', 6);
  const pool: string[] = [];
  for (let w = 1; w <= 40; w++) for (let n = 1; n <= 5; n++) pool.push(cedarFile(w, 'genuine', n));
  return {
    files: { questioned, refs, pool: `cedar-dev/{001..040}/genuine/{01..05}.png (${pool.length} images)` },
    payload: { questioned: b64(questioned), refs: refs.map(b64), pool: pool.map(b64) },
  };
}

const READY_TIMEOUT_MS = 240_000;

async function openBench(browser: Browser, base: string, backend: Backend, mode: 'app' | 'peer', pageErrors: string[], extra = '') {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text().slice(0, 300)}`);
  });
  await page.goto(`${base}/bench.html?backend=${backend}&mode=${mode}${extra}${modelQuery}`);
  await page.waitForFunction(() => window.__bench !== undefined && window.__bench.state !== 'loading', undefined, { timeout: READY_TIMEOUT_MS, polling: 50 });
  const state = await page.evaluate(() => ({ state: window.__bench!.state, error: window.__bench!.error, load: window.__bench!.load }));
  return { context, page, ...state };
}

/** Calls a window.__bench method in the page. */
function call<K extends keyof BenchApi>(page: Page, name: K, ...args: unknown[]): Promise<Awaited<ReturnType<Extract<BenchApi[K], (...a: never[]) => unknown>>>> {
  return page.evaluate(
    ([n, a]) => {
      const fn = (window.__bench as unknown as Record<string, (...x: unknown[]) => unknown>)[n as string];
      return fn(...(a as unknown[]));
    },
    [name, args] as const,
  ) as never;
}

interface ColdResult {
  cold_ms: number | null;
  cold_runs_ms: number[];
  load: LoadReport | null;
  error?: string;
}

async function coldStarts(browser: Browser, base: string, backend: Backend, mode: 'app' | 'peer', n: number, log: (s: string) => void, extra = ''): Promise<ColdResult> {
  const runs: number[] = [];
  const loads: LoadReport[] = [];
  for (let i = 0; i < n; i++) {
    const errors: string[] = [];
    const s = await openBench(browser, base, backend, mode, errors, extra).catch((e: Error) => ({ state: 'error', error: e.message, load: null, context: null }));
    await s.context?.close();
    if (s.state !== 'ready' || !s.load) return { cold_ms: null, cold_runs_ms: runs, load: null, error: `${s.error || 'did not start'}${errors.length ? ` (${errors.slice(0, 3).join('; ')})` : ''}` };
    if (s.load.backend !== backend) {
      return { cold_ms: null, cold_runs_ms: runs, load: s.load, error: `${backend} could not start; the runtime fell back to ${s.load.backend} (${s.load.notes.join('; ') || 'no reason given'})` };
    }
    runs.push(s.load.ready_ms);
    loads.push(s.load);
    log(`  ${mode === 'app' ? 'ours' : 'peer'}${extra} cold start ${i + 1}/${n}: ${s.load.ready_ms.toFixed(0)} ms (long tasks ${s.load.longTasks.count}, max ${s.load.longTasks.max_ms} ms; max heartbeat gap ${s.load.maxHeartbeatGapMs} ms)`);
  }
  // The load report of the median run.
  const m = median(runs);
  const load = loads.reduce((best, l) => (Math.abs(l.ready_ms - m) < Math.abs(best.ready_ms - m) ? l : best), loads[0]);
  return { cold_ms: round(m, 1), cold_runs_ms: runs.map((r) => round(r, 1) ?? r), load };
}

/** Warm measurements for one subject in an already started page. */
async function warmFigures(page: Page, subject: Subject, o: Options, unlimited: boolean, log: (s: string) => void): Promise<Figures> {
  const budgetMs = unlimited ? Infinity : o.budgetS * 1000;
  const f: Figures = {};
  // Verification: one untimed warm-up, then runs until the count (or the budget, min 10 runs).
  await call(page, 'verify', subject, 1);
  const ms: number[] = [];
  let last: { verdict: string; score: number; distances: number[] } | null = null;
  const t0 = Date.now();
  while (ms.length < o.runs && (ms.length < 10 || Date.now() - t0 < budgetMs)) {
    const chunk = Math.min(10, o.runs - ms.length);
    const r = await call(page, 'verify', subject, chunk);
    ms.push(...r.ms);
    last = r;
  }
  const s = summarize(ms);
  f.verify_p50_ms = round(s.p50, 2);
  f.verify_p95_ms = round(s.p95, 2);
  f.verify_min_ms = round(s.min, 2);
  f.verify_mean_ms = round(s.mean, 2);
  f.verify_runs = ms.length;
  f.last_verdict = last ? { verdict: last.verdict, score: round(last.score, 4), distances: last.distances.map((d) => round(d, 6)) } : null;
  log(`  ${subject} verify: p50 ${s.p50.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms over ${ms.length} runs`);

  f.breakdown_p50_ms = Object.fromEntries(
    Object.entries(await call(page, 'breakdown', subject, Math.min(20, Math.max(3, Math.round(ms.length / 5))))).map(([k, v]) => [k, round(v as number, 2)]),
  );
  log(`  ${subject} breakdown (p50 ms): ${JSON.stringify(f.breakdown_p50_ms)}`);

  // Batch throughput.
  {
    const per = await call(page, 'throughput', subject, o.batch, 1);
    const perMs = per.ms_per_batch[0];
    const runs = unlimited ? o.batchRuns : Math.max(1, Math.min(o.batchRuns, Math.floor(budgetMs / Math.max(perMs, 1))));
    const r = runs > 1 ? await call(page, 'throughput', subject, o.batch, runs) : per;
    f.images_per_s = round(r.images_per_s, 1);
    f.batch = o.batch;
    f.batch_runs = r.ms_per_batch.length;
    log(`  ${subject} batch ${o.batch}: ${r.images_per_s.toFixed(1)} images/s (${r.ms_per_batch.length} batches)`);
  }

  // Memory over many verifications.
  {
    const runs = unlimited ? o.memoryRuns : Math.min(o.memoryRuns, Math.max(10, Math.floor(budgetMs / Math.max(s.p50, 1))));
    const m = await call(page, 'memoryCheck', subject, runs);
    f.memory_runs = m.runs;
    f.tensors_before = m.before.numTensors;
    f.tensors_after = m.after.numTensors;
    f.tensor_growth = m.after.numTensors - m.before.numTensors;
    f.bytes_before = m.before.numBytes;
    f.bytes_after = m.after.numBytes;
    f.bytes_growth = m.after.numBytes - m.before.numBytes;
    const gpu = (x: unknown) => (x as { numBytesInGPU?: number }).numBytesInGPU;
    if (gpu(m.before) !== undefined) {
      f.gpu_bytes_before = gpu(m.before);
      f.gpu_bytes_after = gpu(m.after);
      f.gpu_bytes_growth = (gpu(m.after) ?? 0) - (gpu(m.before) ?? 0);
    }
    log(`  ${subject} memory: ${m.before.numTensors} -> ${m.after.numTensors} tensors, ${m.before.numBytes} -> ${m.after.numBytes} bytes over ${m.runs} verifications`);
  }

  // Enrolment: customers x 5 references through the store (decode, preprocess, embed, one transaction each).
  {
    let customers = 0;
    let seconds = 0;
    const target = o.customers;
    const t1 = Date.now();
    while (customers < target && (customers < 2 || unlimited || Date.now() - t1 < budgetMs)) {
      const chunk = Math.min(unlimited ? target - customers : 2, target - customers);
      const r = await call(page, 'enroll', subject, chunk, 5, `c${customers}`);
      customers += r.customers;
      seconds += r.seconds;
    }
    f.enroll_customers = customers;
    f.enroll_seconds_measured = round(seconds, 2);
    f.enroll_100_s = round((seconds / customers) * 100, 2);
    f.enroll_100_extrapolated = customers !== 100;
    log(`  ${subject} enrol: ${customers} customers x 5 in ${seconds.toFixed(2)} s -> ${(f.enroll_100_s as number).toFixed(2)} s per 100${customers !== 100 ? ' (extrapolated)' : ''}`);
  }
  return f;
}

function loadSummary(l: LoadReport | null) {
  if (!l) return null;
  return {
    ready_ms: l.ready_ms,
    stages_ms: l.stages,
    load_ms: l.loadMs,
    warm_up_ms: l.warmUpMs,
    long_tasks: l.longTasks,
    long_tasks_observed: l.longTasksObserved,
    max_heartbeat_gap_ms: l.maxHeartbeatGapMs,
    cross_origin_isolated: l.crossOriginIsolated,
    wasm: l.wasm,
    adapter: l.adapter,
    notes: l.notes,
    parallel_compile: l.parallelCompile,
    folded_layers: l.foldedLayers,
    model: l.model,
  };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
  const log = (s: string) => console.log(s);
  const before = otherLoad();
  if (before.training || before.playwright) {
    log(`WARNING: ${before.training ? 'a training run' : ''}${before.training && before.playwright ? ' and ' : ''}${before.playwright ? 'a Playwright suite' : ''} is running: figures will be slower than on an idle machine.`);
  }
  const images = loadImages();
  log('building bench.html …');
  await buildBench();
  if (o.model) {
    const id = basename(resolve(o.model));
    if (!isModelId(id)) throw new UsageError(`--model folder name "${id}" cannot be a model id (letters, digits, . _ -)`);
    cpSync(o.model, join(OUT_DIR, 'models', id), { recursive: true });
    modelQuery = `&model=${encodeURIComponent(id)}`;
    log(`benchmarking the model in ${o.model} (as ${id}), not the default`);
  }
  const port = await freePort();
  let server: PreviewServer | null = null;
  let browser: Browser | null = null;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    server = await preview({ root: repoRoot, logLevel: 'warn', build: { outDir: OUT_DIR }, preview: { host: '127.0.0.1', port, strictPort: true, open: false } });
    const base = `http://127.0.0.1:${port}`;
    log(`serving ${OUT_DIR} at ${base}`);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
    const fresh: BenchResult = {
      backends: {},
      peer: {},
      ratio_verify_p50: {},
      ratio_images_per_s: {},
      ratio_embed_p50: {},
      skipped: {},
      machine: machine(browser),
      conditions: { at_start: before },
      protocol: {
        questioned: images.files.questioned.replace(`${resolve(repoRoot, '..')}/`, '../'),
        references: images.files.refs.map((f) => f.replace(`${resolve(repoRoot, '..')}/`, '../')),
        pool: images.files.pool,
        browsers: 'one freshly launched Chromium per backend, in the order measured',
        cold: `median of ${o.cold} fresh browser contexts; navigation start to ready (backend init + model fetch + warm-up; peer: backend init + random weights + warm-up)`,
        verify: 'CountersignService.verify as the app runs it: store reads, browser decode, preprocess, the pen-width check (ours), embed, distances to the 5 references and between them, decision rule (peer: the same steps with the SigNet embedding)',
        budget_s: o.budgetS,
        runs: o.runs,
        memory_runs: o.memoryRuns,
        customers: o.customers,
        batch: o.batch,
      },
      command,
      date: new Date().toISOString(),
    };
    // Other CPU-heavy work seen while each backend was measured (sampled every 5 s).
    let seen = { training: false, playwright: false, samples: 0, maxLoad: 0 };
    const sampler = setInterval(() => {
      const l = otherLoad();
      seen = { training: seen.training || l.training, playwright: seen.playwright || l.playwright, samples: seen.samples + 1, maxLoad: Math.max(seen.maxLoad, l.loadavg[0]) };
    }, 5000);
    const perBackend: Record<string, unknown> = {};
    fresh.conditions.per_backend = perBackend;
    for (const [i, backend] of o.backends.entries()) {
      log(`\n== ${backend}`);
      // Each backend in a browser of its own, so the one before it (SwiftShader's GPU process above
      // all) cannot load the machine while the next is measured (BENCHMARKS.md: wasm after webgpu in
      // one browser measured 14.2 ms p50, in its own 12.3, one pair).
      if (i > 0) {
        await browser.close();
        browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
      }
      seen = { training: false, playwright: false, samples: 0, maxLoad: 0 };
      const started = new Date().toISOString();
      const unlimited = backend === 'wasm';
      const ours = await coldStarts(browser, base, backend, 'app', o.cold, log);
      if (ours.cold_ms === null) {
        fresh.skipped[backend] = ours.error ?? 'did not start';
        fresh.backends[backend] = { skipped: fresh.skipped[backend] };
        log(`  skipped: ${fresh.skipped[backend]}`);
        perBackend[backend] = { started, ended: new Date().toISOString(), ...seen };
        continue;
      }
      const peerCold = await coldStarts(browser, base, backend, 'peer', o.cold, log);
      // WebGPU/WebGL: the same cold start without the parallel compile-only pass, to show what it changes.
      const plain = backend === 'webgpu' || backend === 'webgl' ? await coldStarts(browser, base, backend, 'app', o.cold, log, '&parallelCompile=0') : null;
      const errors: string[] = [];
      const s = await openBench(browser, base, backend, 'app', errors);
      const oursFig: Figures = { cold_ms: ours.cold_ms, cold_runs_ms: ours.cold_runs_ms, load: loadSummary(ours.load) };
      if (plain) oursFig.without_parallel_compile = { cold_ms: plain.cold_ms, cold_runs_ms: plain.cold_runs_ms, load: loadSummary(plain.load), error: plain.error };
      const peerFig: Figures = { cold_ms: peerCold.cold_ms, cold_runs_ms: peerCold.cold_runs_ms, load: loadSummary(peerCold.load), cold_error: peerCold.error };
      try {
        if (s.state !== 'ready') throw new Error(s.error);
        await call(s.page, 'setImages', images.payload);
        const pi = await call(s.page, 'initPeer');
        peerFig.parameters = pi.parameters;
        await call(s.page, 'setup', ['ours', 'peer']);
        Object.assign(oursFig, await warmFigures(s.page, 'ours', o, unlimited, log));
        Object.assign(peerFig, await warmFigures(s.page, 'peer', o, unlimited, log));
      } catch (err) {
        oursFig.error = (err as Error).message;
        log(`  error: ${(err as Error).message}`);
      } finally {
        if (errors.length) oursFig.page_errors = errors.slice(0, 10);
        await s.context.close();
      }
      for (const [f, c] of [[oursFig, ours], [peerFig, peerCold]] as const) {
        f.runs = { cold: c.cold_runs_ms.length, verify: f.verify_runs, memory: f.memory_runs, batch: f.batch_runs, enroll_customers: f.enroll_customers };
      }
      fresh.backends[backend] = oursFig;
      fresh.peer[backend] = peerFig;
      fresh.ratio_verify_p50[backend] = round(ratio(oursFig.verify_p50_ms as number, peerFig.verify_p50_ms as number), 4);
      fresh.ratio_images_per_s[backend] = round(ratio(oursFig.images_per_s as number, peerFig.images_per_s as number), 2);
      const embedP50 = (f: Figures) => (f.breakdown_p50_ms as Record<string, number> | undefined)?.embed;
      fresh.ratio_embed_p50[backend] = round(ratio(embedP50(oursFig), embedP50(peerFig)), 4);
      perBackend[backend] = { started, ended: new Date().toISOString(), ...seen };
      if (seen.training || seen.playwright) log(`  WARNING: other CPU-heavy work ran while ${backend} was measured; its figures are not idle-machine figures.`);
    }
    clearInterval(sampler);
    // Same answers on every backend: distances of the questioned image to the 5 references vs wasm.
    const dists = (f: Figures | undefined) => (f?.last_verdict as { distances?: number[] } | null | undefined)?.distances;
    const ref = dists(fresh.backends.wasm);
    for (const [b, f] of Object.entries(fresh.backends)) {
      const d = dists(f);
      if (b !== 'wasm' && ref && d && d.length === ref.length) f.max_distance_diff_vs_wasm = Math.max(...d.map((v, i) => Math.abs(v - ref[i])));
    }
    fresh.conditions.at_end = otherLoad();
    // Re-measured backends replace theirs in the existing file; everything else is kept.
    const result =
      o.merge && o.json && existsSync(o.json)
        ? mergeResults(JSON.parse(readFileSync(o.json, 'utf8')) as BenchResult, fresh, o.backends, (b) => ({ ...(perBackend[b] as object), command, at_start: before, at_end: fresh.conditions.at_end }))
        : fresh;
    const table = renderTable(result);
    log(`\n${table}`);
    if (o.json) {
      writeFileSync(o.json, `${JSON.stringify(result, null, 2)}\n`);
      log(`\nwrote ${o.json}`);
    }
    if (o.markdown) writeFileSync(o.markdown, `${renderTable(result, true)}\n`);
    const end = fresh.conditions.at_end as ReturnType<typeof otherLoad>;
    if (before.training || before.playwright || end.training || end.playwright) log('NOTE: other CPU-heavy work was running during this run; do not quote these figures as idle-machine figures.');
  } finally {
    await stop();
  }
}

main().catch((err) => {
  if (err instanceof UsageError) {
    console.error(`${err.message}\n(npm run bench -- --help for the options)`);
    process.exit(2);
  }
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
