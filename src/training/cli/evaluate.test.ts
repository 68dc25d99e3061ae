import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSyntheticSet } from '../../synthetic/node/writeDataset';
import { decodeImageFile, encodeGreyPng } from '../data/decodeNode';
import { toGrey } from '../../preprocessing';
import { withBroaderPen } from '../../testing/otherPen';
import { sharedDataset } from '../../testing/sharedData';

const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
const cli = join(process.cwd(), 'src/training/cli/evaluate.ts');

describe('npm run eval (the stable interface)', () => {
  it('evaluates the shipped model on a data set in CEDAR flat naming and writes the JSON contract', () => {
    // Four real writers, 8 genuine + 6 forged each, renamed to CEDAR's original flat layout.
    const root = join(mkdtempSync(join(tmpdir(), 'cs-eval-')), 'mini');
    mkdirSync(root);
    const src = sharedDataset('cedar-dev');
    for (const w of ['036', '037', '038', '039']) {
      for (let n = 1; n <= 8; n++) copyFileSync(join(src, w, 'genuine', `${String(n).padStart(2, '0')}.png`), join(root, `original_${Number(w)}_${n}.png`));
      for (let n = 1; n <= 6; n++) copyFileSync(join(src, w, 'forged', `${String(n).padStart(2, '0')}.png`), join(root, `forgeries_${Number(w)}_${n}.png`));
    }
    const json = join(root, '..', 'out.json');
    const stdout = execFileSync(tsx, [cli, '--data', root, '--refs', '3', '--json', json], { encoding: 'utf8' });
    const r = JSON.parse(readFileSync(json, 'utf8'));
    // The contracted keys, plus the verdict shares under the app's refer band (added, nothing renamed).
    expect(Object.keys(r).sort()).toEqual(['model', 'random', 'references', 'seconds', 'skilled', 'verdicts', 'writers']);
    for (const kind of ['genuine', 'skilled', 'random']) {
      const v = r.verdicts[kind];
      expect(v.genuine + v.refer + v.forged).toBeCloseTo(1, 10);
    }
    expect(r.verdicts.referBand).toBeGreaterThan(0);
    // Outright acceptances of forgeries can only be fewer than the single-threshold FAR.
    expect(r.verdicts.skilled.genuine).toBeLessThanOrEqual(r.skilled.far);
    expect(r.writers).toBe(4);
    expect(r.references).toBe(3);
    expect(typeof r.model).toBe('string');
    for (const k of ['eer', 'auc', 'far', 'frr']) {
      expect(r.skilled[k]).toBeGreaterThanOrEqual(0);
      expect(r.skilled[k]).toBeLessThanOrEqual(1);
    }
    expect(Object.keys(r.random).sort()).toEqual(['eer', 'far']);
    expect(r.seconds).toBeGreaterThan(0);
    // the readable table: 4 writers x 5 questioned genuine, 6 forged, 3 x 2 random negatives
    expect(stdout).toMatch(/skilled .*20 genuine, 24 forged/);
    expect(stdout).toMatch(/random .*24 other writers' genuine/);
    expect(stdout).toMatch(/skilled forgeries\s+\d+\.\d\d% +\d+\.\d\d% +\d+\.\d\d%/);
  });

  it('with --pen-broadening compares a broader questioned pen with broadened references, as the app does', () => {
    // Four real writers (8 genuine, 6 forged each) as scanned, and the same signatures written 2 pixels broader.
    const base = mkdtempSync(join(tmpdir(), 'cs-eval-pen-'));
    const src = sharedDataset('cedar-dev');
    for (const w of ['036', '037', '038', '039'])
      for (const kind of ['genuine', 'forged'] as const)
        for (let n = 1; n <= (kind === 'genuine' ? 8 : 6); n++) {
          const f = `${String(n).padStart(2, '0')}.png`;
          for (const root of ['scan', 'broad']) mkdirSync(join(base, root, w, kind), { recursive: true });
          copyFileSync(join(src, w, kind, f), join(base, 'scan', w, kind, f));
          const g = withBroaderPen(toGrey(decodeImageFile(join(src, w, kind, f))), 2);
          writeFileSync(join(base, 'broad', w, kind, f), encodeGreyPng(g.data, g.width, g.height, false));
        }
    const run = (...extra: string[]) => {
      const json = join(base, `out${extra.length}.json`);
      const stdout = execFileSync(tsx, [cli, '--data', join(base, 'scan'), '--questioned', join(base, 'broad'), '--refs', '3', '--json', json, ...extra], { encoding: 'utf8' });
      return { stdout, r: JSON.parse(readFileSync(json, 'utf8')) };
    };
    const plain = run();
    const broadened = run('--pen-broadening');
    expect(plain.r.penBroadening).toBeUndefined();
    expect(plain.stdout).not.toMatch(/pen broadening/);
    // Every questioned signature is about twice its references' width or more: most comparisons are broadened.
    expect(broadened.r.penBroadening.broadened).toBeGreaterThan(40);
    expect(broadened.stdout).toMatch(/pen broadening: \d+ questioned signatures/);
    // The broadened references change the figures (here EER 5.00% -> 4.17%, FAR 20.8% -> 16.7% at the rule).
    expect(broadened.r.skilled).not.toEqual(plain.r.skilled);
    // Refused with --pen-match (another domain's mend).
    const both = spawnSync(tsx, [cli, '--data', join(base, 'scan'), '--questioned', join(base, 'broad'), '--pen-match', '--pen-broadening'], { encoding: 'utf8' });
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/--pen-broadening is for questioned signatures of the references' own domain/);
  });

  it('evaluates across domains: references from scans, questioned signatures drawn on the pad', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cs-eval-x-'));
    await writeSyntheticSet({ out: root, writers: 3, start: 500, seed: 4, domain: 'both', counts: { genuine: 5, skilled: 2, otherStyle: 1 } });
    const json = join(root, 'out.json');
    const stdout = execFileSync(tsx, [cli, '--data', join(root, 'scan'), '--questioned', join(root, 'pad'), '--refs', '2', '--json', json], { encoding: 'utf8' });
    const r = JSON.parse(readFileSync(json, 'utf8'));
    expect(r.questioned).toBe(join(root, 'pad'));
    expect(r.writers).toBe(3);
    expect(stdout).toMatch(/\(references\) vs .*pad \(questioned\)/);
    expect(stdout).toMatch(/skilled .*9 genuine, 9 forged/);
    // A questioned set with other writers is refused.
    const other = mkdtempSync(join(tmpdir(), 'cs-eval-y-'));
    await writeSyntheticSet({ out: other, writers: 3, start: 900, seed: 4, domain: 'pad', counts: { genuine: 5, skilled: 2, otherStyle: 1 } });
    const bad = spawnSync(tsx, [cli, '--data', join(root, 'scan'), '--questioned', other, '--refs', '2'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/does not hold the same writers/);
    // Pen matching: the drawings are redrawn with each writer's reference pen; widths are reported.
    const pm = execFileSync(tsx, [cli, '--data', join(root, 'scan'), '--questioned', join(root, 'pad'), '--pen-match', '--refs', '2', '--json', json], { encoding: 'utf8' });
    const m = JSON.parse(readFileSync(json, 'utf8'));
    expect(pm).toMatch(/pen matching: questioned signatures redrawn/);
    expect(m.penMatch.widths.length).toBeGreaterThanOrEqual(1);
    for (const w of m.penMatch.widths) expect(w * 4).toBe(Math.round(w * 4));
    expect(m.skilled.auc).toBeGreaterThanOrEqual(0);
    expect(m.skilled.auc).toBeLessThanOrEqual(1);
    expect(pm).toMatch(/skilled .*9 genuine, 9 forged/);
    const noQ = spawnSync(tsx, [cli, '--data', join(root, 'scan'), '--pen-match'], { encoding: 'utf8' });
    expect(noQ.status).toBe(2);
    expect(noQ.stderr).toMatch(/--pen-match needs --questioned/);
  });

  it('refuses bad arguments with the usage text', () => {
    const r = spawnSync(tsx, [cli, '--refs', '3'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--data is required/);
    const bad = spawnSync(tsx, [cli, '--data', '/nonexistent-dir', '--refs', 'x'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--refs must be a number/);
  });

  it('says what to do when no writer has enough genuine signatures, and reports a genuine-only set with null skilled figures', () => {
    // Three real writers with 4 genuine signatures each and no forgeries.
    const root = mkdtempSync(join(tmpdir(), 'cs-eval-g-'));
    const src = sharedDataset('cedar-dev');
    for (const w of ['036', '037', '038']) {
      mkdirSync(join(root, w, 'genuine'), { recursive: true });
      for (let n = 1; n <= 4; n++) copyFileSync(join(src, w, 'genuine', `0${n}.png`), join(root, w, 'genuine', `0${n}.png`));
    }
    // A damaged file and a blank scan: left out by name, the evaluation goes on.
    writeFileSync(join(root, '036', 'genuine', '05.png'), readFileSync(join(src, '036', 'genuine', '05.png')).subarray(0, 200));
    writeFileSync(join(root, '037', 'genuine', '05.png'), encodeGreyPng(new Float32Array(300 * 120), 300, 120));
    const tooMany = spawnSync(tsx, [cli, '--data', root, '--refs', '5'], { encoding: 'utf8' });
    expect(tooMany.status).toBe(1);
    expect(tooMany.stderr).toMatch(/no writer .* has more than 5 genuine signatures .* the most any writer has is 4\. Use --refs 3 or fewer/);
    const json = join(root, 'out.json');
    const ok = spawnSync(tsx, [cli, '--data', root, '--refs', '2', '--json', json], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stderr).toMatch(/no skilled forgeries .* the skilled figures are null/);
    expect(ok.stderr).toMatch(/left out .*036\/genuine\/05\.png: /);
    expect(ok.stderr).toMatch(/left out .*037\/genuine\/05\.png: No ink found/);
    expect(ok.stderr).toMatch(/2 image\(s\) could not be used/);
    const r = JSON.parse(readFileSync(json, 'utf8'));
    expect(r.writers).toBe(3);
    expect(r.skilled).toEqual({ eer: null, auc: null, far: null, frr: expect.any(Number) });
    expect(r.random.eer).toBeGreaterThanOrEqual(0);
    expect(r.random.far).toBeGreaterThanOrEqual(0);
  });
});
