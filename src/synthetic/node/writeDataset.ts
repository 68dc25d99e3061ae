import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import type { PixelImage } from '../../preprocessing';
import type { Domain } from '../appearance';
import { DEFAULT_COUNTS, mixSeed, renderSample, writerId, writerInk, type InkSample, type WriterCounts } from '../generator';
import type { InkMask } from '../inkField';
import { nodeCanvas } from './canvas';
import type { Script } from '../fonts';

/** Bumped whenever generated images would change for the same options (invalidates caches). */
export const GENERATOR_VERSION = 'synth-1';

/** scan / pad: one domain; mixed: each signature in a domain drawn by seed; both: scan/ and pad/ subfolders. */
export type DomainMode = Domain | 'mixed' | 'both';

export interface SyntheticSetOptions {
  out: string;
  writers: number;
  /** First writer index (another range = other, unseen writers). */
  start: number;
  seed: number;
  domain: DomainMode;
  counts: WriterCounts;
  /** Only writers of these scripts (default: every script, by SCRIPT_WEIGHTS). */
  scripts?: Script[];
}

interface Manifest extends Omit<SyntheticSetOptions, 'out'> {
  generator: string;
  complete: boolean;
}

/** Pixel box of the ink plus a margin, so stored images stay small (preprocessing crops anyway). */
export function inkBox(ink: InkMask, margin: number): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = ink.width, y0 = ink.height, x1 = -1, y1 = -1;
  for (let y = 0; y < ink.height; y++) {
    for (let x = 0; x < ink.width; x++) {
      if (ink.data[y * ink.width + x] > 0.1) {
        x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      }
    }
  }
  if (x1 < 0) return { x0: 0, y0: 0, x1: ink.width - 1, y1: ink.height - 1 };
  return { x0: Math.max(0, x0 - margin), y0: Math.max(0, y0 - margin), x1: Math.min(ink.width - 1, x1 + margin), y1: Math.min(ink.height - 1, y1 + margin) };
}

export function encodeGreyImagePng(img: PixelImage, box = { x0: 0, y0: 0, x1: img.width - 1, y1: img.height - 1 }): Buffer {
  const width = box.x1 - box.x0 + 1, height = box.y1 - box.y0 + 1;
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  const data = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = img.data[((y + box.y0) * img.width + x + box.x0) * img.channels];
  png.data = data;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}

const CHUNK = 60;

/** Writes writers [from, to) of a set (the work of one chunk). */
export function writeWriters(o: SyntheticSetOptions, from: number, to: number): void {
  const domains: Domain[] = o.domain === 'both' ? ['scan', 'pad'] : [];
  for (let index = from; index < to; index++) {
    for (const s of writerInk(nodeCanvas, o.seed, index, o.counts, o.scripts)) {
      const box = inkBox(s.ink, 16);
      const targets: [string, Domain][] =
        o.domain === 'both' ? domains.map((d) => [join(o.out, d), d]) : [[o.out, o.domain === 'mixed' ? (mixSeed(s.lookSeed, 99) % 2 ? 'pad' : 'scan') : (o.domain as Domain)]];
      for (const [root, d] of targets) {
        const dir = join(root, writerId(index), s.kind);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, fileName(s)), encodeGreyImagePng(renderSample(s, d), box));
      }
    }
  }
}

const fileName = (s: InkSample) => `${s.kind === 'genuine' ? 'g' : 'f'}${String(s.index + 1).padStart(2, '0')}.png`;

/** Runs writeChunk.ts for writers [from, to) in a child process. */
function writeChunkInChild(o: SyntheticSetOptions, from: number, to: number): Promise<void> {
  const script = fileURLToPath(new URL('./writeChunk.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify({ ...o, from, to })], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`synthetic writers ${from}-${to - 1} failed (exit ${code ?? signal})`))));
  });
}

/**
 * Writes synthetic writers in the dataset layout (`<out>/<writer>/{genuine,forged}/*.png`, or
 * `<out>/{scan,pad}/...` for domain 'both') with a synthetic.json manifest. Generated once: a
 * complete set with the same options and generator version is reused (resolves false).
 * Every writer's images depend only on the options and its index, so chunks are written by up to
 * `parallel` child processes at once (default: one per core) with the same files as one at a time.
 */
export async function writeSyntheticSet(o: SyntheticSetOptions, onProgress?: (done: number, total: number) => void, parallel = availableParallelism()): Promise<boolean> {
  const manifestPath = join(o.out, 'synthetic.json');
  const want: Manifest = { generator: GENERATOR_VERSION, writers: o.writers, start: o.start, seed: o.seed, domain: o.domain, counts: o.counts, ...(o.scripts ? { scripts: o.scripts } : {}), complete: true };
  if (existsSync(manifestPath)) {
    try {
      if (JSON.stringify(JSON.parse(readFileSync(manifestPath, 'utf8'))) === JSON.stringify(want)) return false;
    } catch {
      /* unreadable manifest: regenerate */
    }
  }
  rmSync(o.out, { recursive: true, force: true });
  mkdirSync(o.out, { recursive: true });
  // @napi-rs/canvas keeps the native memory of every pixel read-back until its process exits
  // (about 8 MB per writer), so large sets are written by child processes of CHUNK writers each.
  if (o.writers <= CHUNK) {
    writeWriters(o, o.start, o.start + o.writers);
    onProgress?.(o.writers, o.writers);
  } else {
    const chunks: [number, number][] = [];
    for (let from = o.start; from < o.start + o.writers; from += CHUNK) chunks.push([from, Math.min(o.start + o.writers, from + CHUNK)]);
    let next = 0;
    let done = 0;
    let failure: unknown = null;
    const worker = async () => {
      while (next < chunks.length && failure === null) {
        const [from, to] = chunks[next++];
        try {
          await writeChunkInChild(o, from, to);
        } catch (err) {
          failure ??= err; // no new chunks start; the ones running finish; no manifest is written
          return;
        }
        done += to - from;
        onProgress?.(done, o.writers);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, chunks.length)) }, worker));
    if (failure !== null) throw failure;
  }
  writeFileSync(manifestPath, JSON.stringify(want, null, 2) + '\n');
  return true;
}

export { DEFAULT_COUNTS };
