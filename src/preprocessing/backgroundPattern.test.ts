import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImageFile } from '../training/data/decodeNode';
import { sharedDataset } from '../testing/sharedData';
import { withSecurityPattern } from '../testing/chequePattern';
import { inkCoverage } from '../testing/inkCoverage';
import { PreprocessError, preprocess, type PixelImage } from '.';
import { faintShare, isPatternedBackground, PATTERNED_FAINT_SHARE } from './backgroundPattern';

/** Every genuine and forged image of these writers. */
function scans(dataset: 'cedar-dev' | 'bhsig260-bengali', writers: string[]): { name: string; img: PixelImage }[] {
  const root = sharedDataset(dataset);
  return writers.flatMap((w) =>
    ['genuine', 'forged'].flatMap((kind) => readdirSync(join(root, w, kind)).map((f) => ({ name: `${dataset}/${w}/${kind}/${f}`, img: decodeImageFile(join(root, w, kind, f)) }))),
  );
}

const cedar = scans('cedar-dev', ['031', '040']);
const bhsig = scans('bhsig260-bengali', ['B086', 'B100']);

describe('faintShare', () => {
  it('counts darkness between 0.1 and 0.35', () => {
    expect(faintShare(new Float32Array([0, 0.05, 0.12, 0.2, 0.34, 0.36, 0.9, 1]))).toBe(3 / 8);
    expect(faintShare(new Float32Array(0))).toBe(0);
    expect(isPatternedBackground(PATTERNED_FAINT_SHARE)).toBe(false);
    expect(isPatternedBackground(PATTERNED_FAINT_SHARE + 1e-6)).toBe(true);
  });
});

describe('patterned backgrounds', () => {
  it('are not seen on plain scans (grey CEDAR scans, bi-level BHSig)', () => {
    expect(cedar.length + bhsig.length).toBeGreaterThan(150);
    for (const { name, img } of [...cedar, ...bhsig]) {
      const pre = preprocess(img);
      expect(pre.patternedBackground, name).toBe(false);
      expect(pre.faintShare, name).toBeLessThan(0.1);
    }
  });

  it('are recognised under every real signature printed on a cheque pattern, fine lines or broad bands', () => {
    for (const { name, img } of [...cedar, ...bhsig]) {
      for (const fine of [true, false]) {
        const pre = preprocess(withSecurityPattern(img, fine));
        expect(pre.patternedBackground, `${name} ${fine ? 'fine' : 'bands'}`).toBe(true);
      }
    }
  });

  it('are thresholded between pattern and ink: the same raster as the clean scan, within 2 pixels', () => {
    for (const [set, least] of [[cedar, 0.95], [bhsig, 1]] as const) {
      let same = 0;
      for (const { img } of set) {
        const clean = preprocess(img).data;
        const patterned = preprocess(withSecurityPattern(img)).data;
        if (Math.min(inkCoverage(clean, patterned), inkCoverage(patterned, clean)) > 0.9) same++;
      }
      // cedar-dev: a few forgeries in a very faint pen lose strokes to the higher threshold.
      expect(same / set.length).toBeGreaterThanOrEqual(least);
    }
  });

  it('leave a cheque without a signature blank, not "patterned"', () => {
    const paper: PixelImage = { width: 400, height: 160, channels: 1, data: new Uint8Array(400 * 160).fill(235) };
    expect(() => preprocess(withSecurityPattern(paper))).toThrow(PreprocessError);
  });
});
