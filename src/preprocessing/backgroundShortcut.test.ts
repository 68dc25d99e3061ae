import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImageFile } from '../training/data/decodeNode';
import { sharedDataset } from '../testing/sharedData';
import { areaUnderCurve } from '../verification/metrics';
import { preprocess, toGrey } from '.';

/**
 * CEDAR's trap: genuine and forged scans differ in their paper (tone and texture), so a
 * statistic of the background alone separates them on raw images. In this quantised copy the
 * cue is the paper texture: genuine scans have far more grey, non-ink paper pixels. After the
 * shared preprocessing, the background must carry no label information.
 */
const cedar = sharedDataset('cedar-dev');
const writers = Array.from({ length: 40 }, (_, i) => String(i + 1).padStart(3, '0'));
const files = (label: string) => writers.flatMap((w) => ['02', '09', '17'].map((n) => join(cedar, w, label, `${n}.png`)));
/** How far an AUC is from chance, in either direction (a statistic may rank either way). */
const separation = (auc: number) => Math.max(auc, 1 - auc);

/** Mean brightness of the pixels at least 3 px away from any ink pixel (>0.2) of the given raster. */
function backgroundMean(data: Float32Array, width: number, height: number, isInk: (v: number) => boolean): number {
  let s = 0;
  let n = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let near = false;
      for (let dy = -3; dy <= 3 && !near; dy++) for (let dx = -3; dx <= 3 && !near; dx++) {
        const yy = y + dy;
        const xx = x + dx;
        if (yy >= 0 && xx >= 0 && yy < height && xx < width && isInk(data[yy * width + xx])) near = true;
      }
      if (!near) {
        s += data[y * width + x];
        n++;
      }
    }
  }
  return s / n;
}

describe('background shortcut', () => {
  const stat = (paths: string[], pre: boolean) =>
    paths.map((p) => {
      const img = decodeImageFile(p);
      if (pre) {
        const r = preprocess(img);
        return backgroundMean(r.data, r.width, r.height, (v) => v > 0.2);
      }
      // Raw: the fraction of grey paper pixels (brighter than ink, darker than clean paper).
      const g = toGrey(img).data;
      let n = 0;
      for (const v of g) if (v > 0.5 && v < 0.9) n++;
      return n / g.length;
    });

  it('raw background brightness separates genuine from forged (the shortcut exists)', () => {
    const auc = areaUnderCurve(stat(files('genuine'), false), stat(files('forged'), false));
    expect(separation(auc)).toBeGreaterThan(0.8);
  });

  it('after preprocessing the background carries no label information', () => {
    const g = stat(files('genuine'), true);
    const f = stat(files('forged'), true);
    expect(separation(areaUnderCurve(g, f))).toBeLessThan(0.6);
    // and it is simply empty: paper is exactly 0 everywhere away from the ink
    expect(Math.max(...g, ...f)).toBeLessThan(0.01);
  });
});
