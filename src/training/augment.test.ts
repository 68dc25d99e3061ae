import { describe, expect, it } from 'vitest';
import { MILD_AUGMENT, augment, withBroadPens } from './augment';
import { Rng } from './data/random';
import type { GreyImage } from '../preprocessing';

/** A page with one dark line across it. */
function linePage(): GreyImage {
  const w = 60;
  const h = 30;
  const data = new Float32Array(w * h).fill(1);
  for (let x = 10; x < 50; x++) data[15 * w + x] = 0;
  return { width: w, height: h, data };
}
const dark = (img: GreyImage) => img.data.reduce((s, v) => s + (v < 0.5 ? 1 : 0), 0);
const onlyStrokes = { ...MILD_AUGMENT, rotateDeg: 0, shear: 0, scale: 0, aspect: 0, toneProb: 0, strokeProb: 1 };

describe('augment: pen width', () => {
  it('with broadRadius unset broadens by one pass only (the line 3 rows thick), as before the option', () => {
    // Byte identity of the recipe's images is checked by scripts/experiments/recipe-replay.ts's raster sha1.
    const widths = new Set<number>();
    for (let seed = 1; seed <= 60; seed++) {
      const out = augment(linePage(), new Rng(seed), onlyStrokes);
      let col = 0;
      for (let y = 0; y < out.height; y++) col += out.data[y * out.width + 30] < 0.5 ? 1 : 0;
      if (dark(out) > 40) widths.add(col);
    }
    expect([...widths]).toEqual([3]);
  });
  it('broadens by one or two pixels each side with --broad-pens, never more', () => {
    const widths = new Set<number>();
    for (let seed = 1; seed <= 60; seed++) {
      const out = augment(linePage(), new Rng(seed), { ...withBroadPens(onlyStrokes), strokeProb: 1 });
      let col = 0;
      for (let y = 0; y < out.height; y++) col += out.data[y * out.width + 30] < 0.5 ? 1 : 0;
      if (dark(out) > 40) widths.add(col);
    }
    // A line 1 px thick becomes 3 (one pass) or 5 (two passes) rows thick.
    expect([...widths].sort()).toEqual([3, 5]);
  });
  it('withBroadPens changes only the stroke change', () => {
    const b = withBroadPens(MILD_AUGMENT);
    expect(b.strokeProb).toBe(0.6);
    expect(b.broadRadius).toBe(2);
    expect({ ...b, strokeProb: MILD_AUGMENT.strokeProb, broadRadius: undefined }).toEqual({ ...MILD_AUGMENT, broadRadius: undefined });
  });
});
