import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_LINE_WIDTH } from '../capture/strokes';
import { preprocess, toGreyPixels, type PixelImage } from '../preprocessing';
import { readDataset } from '../training/data/datasetReader';
import { decodeImageFile } from '../training/data/decodeNode';
import { Rng } from '../training/data/random';
import { areaUnderCurve } from '../verification/metrics';
import { FONT_FAMILIES } from './fonts';
import { renderSample, writerInk, writerStyleFor, type InkSample } from './generator';
import { boxBlur } from './inkField';
import { randomSignatureText } from './names';
import { nodeCanvas } from './node/canvas';
import { writeSyntheticSet } from './node/writeDataset';
import { skeletonize } from './skeleton';

/** Blurred, unit-length preprocessed raster: a crude shape descriptor for pixel-space distances. */
function shape(img: PixelImage): Float32Array {
  const p = preprocess(img);
  const b = boxBlur({ width: p.width, height: p.height, data: p.data }, 2).data;
  const n = Math.hypot(...b);
  return b.map((v) => v / n);
}
const cosDist = (a: Float32Array, b: Float32Array) => 1 - a.reduce((s, v, i) => s + v * b[i], 0);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('synthetic writer generator', () => {
  it('is deterministic by seed and writer, and different across them', () => {
    const a = writerInk(nodeCanvas, 5, 3);
    const b = writerInk(nodeCanvas, 5, 3);
    for (const d of ['scan', 'pad'] as const) {
      expect(Buffer.from(renderSample(a[0], d).data).equals(Buffer.from(renderSample(b[0], d).data))).toBe(true);
      expect(Buffer.from(renderSample(a[9], d).data).equals(Buffer.from(renderSample(b[9], d).data))).toBe(true);
    }
    expect(writerStyleFor(5, 3)).toEqual(writerStyleFor(5, 3));
    expect(writerStyleFor(6, 3)).not.toEqual(writerStyleFor(5, 3));
    const other = writerInk(nodeCanvas, 6, 3, { genuine: 1, skilled: 0, otherStyle: 0 });
    expect(Buffer.from(renderSample(other[0], 'scan').data).equals(Buffer.from(renderSample(a[0], 'scan').data))).toBe(false);
  });

  it('draws writers of the asked scripts only, in the usual proportions otherwise', () => {
    const scriptOf = (seed: number, i: number, only?: ('bengali' | 'devanagari')[]) => FONT_FAMILIES[writerStyleFor(seed, i, only).font].script;
    const indic = Array.from({ length: 60 }, (_, i) => scriptOf(1, 200000 + i, ['bengali', 'devanagari']));
    expect(new Set(indic)).toEqual(new Set(['bengali', 'devanagari']));
    const all = Array.from({ length: 300 }, (_, i) => scriptOf(1, i));
    const latin = all.filter((s) => s === 'latin').length / all.length;
    expect(latin).toBeGreaterThan(0.65);
    expect(latin).toBeLessThan(0.87);
  });

  it('gives each writer its own consistent signature, forgeries that differ, other styles that differ more', () => {
    const writers = [0, 1, 2, 3, 4, 5].map((w) => writerInk(nodeCanvas, 3, w));
    for (const domain of ['scan', 'pad'] as const) {
      const feats = writers.map((w) => w.map((s) => ({ s, f: shape(renderSample(s, domain)) })));
      feats.forEach((w, i) => {
        const g = w.filter((x) => x.s.kind === 'genuine');
        const within = g.flatMap((x, a) => g.slice(a + 1).map((y) => cosDist(x.f, y.f)));
        const skilled = w.filter((x) => x.s.forgery === 'skilled').flatMap((f) => g.map((x) => cosDist(f.f, x.f)));
        const otherStyle = w.filter((x) => x.s.forgery === 'other-style').flatMap((f) => g.map((x) => cosDist(f.f, x.f)));
        const otherWriters = feats.filter((_, j) => j !== i).map((v) => cosDist(g[0].f, v[0].f));
        // Genuine signatures vary (no two identical) but stay closer to each other than anything else.
        expect(Math.min(...within)).toBeGreaterThan(0.005);
        expect(mean(within)).toBeLessThan(mean(skilled));
        expect(mean(skilled)).toBeLessThan(mean(otherStyle));
        expect(mean(within)).toBeLessThan(mean(otherWriters));
      });
    }
  });

  it('draws pad signatures with the pad line width and scans with paper that does not give forgeries away', () => {
    const samples: InkSample[] = [0, 1, 2, 3, 4, 5, 6, 7].flatMap((w) => writerInk(nodeCanvas, 9, w));
    // Pad: ink area / centre-line length is the pen's width (BASE_LINE_WIDTH, or near it with pressure).
    const widths = samples.slice(0, 14).map((s) => {
      const img = renderSample(s, 'pad');
      const ink = Float32Array.from(img.data, (v) => 1 - v / 255);
      const line = skeletonize({ width: img.width, height: img.height, data: ink });
      return ink.reduce((a, b) => a + b, 0) / line.reduce((a, b) => a + b, 0);
    });
    expect(mean(widths)).toBeGreaterThan(0.7 * BASE_LINE_WIDTH);
    expect(mean(widths)).toBeLessThan(1.4 * BASE_LINE_WIDTH);
    // Scan: the paper's brightness (the CEDAR shortcut) cannot separate genuine from forged.
    const paper = (s: InkSample) => {
      const img = renderSample(s, 'scan');
      const sorted = Uint8Array.from(img.data).sort();
      return sorted[Math.floor(0.9 * sorted.length)];
    };
    const g = samples.filter((s) => s.kind === 'genuine').map(paper);
    const f = samples.filter((s) => s.kind === 'forged').map(paper);
    const a = areaUnderCurve(g, f);
    expect(Math.max(a, 1 - a)).toBeLessThan(0.68);
    expect(new Set(g).size).toBeGreaterThan(10);
  });

  it('writes names in every script it has fonts for', () => {
    const rng = new Rng(4);
    for (const s of ['latin', 'bengali', 'devanagari', 'arabic'] as const) {
      expect(FONT_FAMILIES.some((f) => f.script === s)).toBe(true);
      for (let i = 0; i < 20; i++) expect(randomSignatureText(rng, s).trim().length).toBeGreaterThan(1);
    }
    expect(randomSignatureText(new Rng(1), 'latin')).toBe(randomSignatureText(new Rng(1), 'latin'));
  });

  it('writes a data set the training reader reads, and reuses it when asked again', async () => {
    const out = mkdtempSync(join(tmpdir(), 'synth-'));
    try {
      const opts = { out, writers: 3, start: 10, seed: 2, domain: 'both' as const, counts: { genuine: 3, skilled: 2, otherStyle: 1 } };
      expect(await writeSyntheticSet(opts)).toBe(true);
      for (const d of ['scan', 'pad']) {
        const ds = readDataset(join(out, d));
        expect(ds.map((w) => w.writer)).toEqual(['S00010', 'S00011', 'S00012']);
        expect(ds.every((w) => w.genuine.length === 3 && w.forged.length === 3)).toBe(true);
        const img = toGreyPixels(decodeImageFile(ds[0].genuine[0]));
        expect(img.width).toBeGreaterThan(50);
        expect(preprocess(img).data.some((v) => v > 0.5)).toBe(true);
      }
      const before = readFileSync(join(out, 'scan/S00010/genuine/g01.png'));
      expect(await writeSyntheticSet(opts)).toBe(false);
      expect(readFileSync(join(out, 'scan/S00010/genuine/g01.png')).equals(before)).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('writes the same files with chunks in parallel child processes as one chunk at a time', async () => {
    // 62 writers: two chunks (60 + 2), each written by a child process.
    const opts = { writers: 62, start: 300, seed: 3, domain: 'mixed' as const, counts: { genuine: 1, skilled: 1, otherStyle: 0 } };
    const serial = mkdtempSync(join(tmpdir(), 'synth-1-'));
    const parallel = mkdtempSync(join(tmpdir(), 'synth-2-'));
    try {
      const progress: number[] = [];
      expect(await writeSyntheticSet({ ...opts, out: serial }, undefined, 1)).toBe(true);
      expect(await writeSyntheticSet({ ...opts, out: parallel }, (done) => progress.push(done), 2)).toBe(true);
      // One report per chunk, whichever child finishes first; the last says all are done.
      expect(progress).toHaveLength(2);
      expect(progress[1]).toBe(62);
      const files = (root: string) => (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.png')).sort();
      expect(files(parallel)).toEqual(files(serial));
      expect(files(serial)).toHaveLength(62 * 2);
      for (const f of files(serial)) expect(readFileSync(join(parallel, f)).equals(readFileSync(join(serial, f)))).toBe(true);
      expect(readFileSync(join(parallel, 'synthetic.json'), 'utf8')).toBe(readFileSync(join(serial, 'synthetic.json'), 'utf8'));
    } finally {
      rmSync(serial, { recursive: true, force: true });
      rmSync(parallel, { recursive: true, force: true });
    }
  });
});
