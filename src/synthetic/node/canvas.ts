import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { familyName, FONT_FAMILIES } from '../fonts';
import type { CanvasFactory } from '../renderName';

let registered = false;

/**
 * Registers every synthetic-writer font from its @fontsource package (installed with npm, no
 * download) with @napi-rs/canvas, once. Throws with the missing package's name if one is absent.
 */
export function registerSyntheticFonts(): void {
  if (registered) return;
  const require = createRequire(import.meta.url);
  for (const f of FONT_FAMILIES) {
    let dir: string;
    try {
      dir = join(dirname(require.resolve(`@fontsource/${f.pkg}/package.json`)), 'files');
    } catch {
      throw new Error(`font package @fontsource/${f.pkg} is not installed: run npm ci`);
    }
    // The first subset is the script the family writes; others (latin-ext) are used where shipped.
    f.subsets.forEach((subset, i) => {
      const file = join(dir, `${f.pkg}-${subset}-${f.weight ?? 400}-normal.woff2`);
      if (existsSync(file)) GlobalFonts.registerFromPath(file, familyName(f));
      else if (i === 0) throw new Error(`font file missing: ${file}`);
    });
  }
  registered = true;
}

const canvases = new Map<string, ReturnType<CanvasFactory>>();

/**
 * Canvas factory for the generator in Node (fonts registered first). One canvas per size is
 * reused: native canvas memory is invisible to the JS garbage collector, so a new canvas per
 * signature grows the process by gigabytes over a thousand writers.
 */
export const nodeCanvas: CanvasFactory = (w, h) => {
  registerSyntheticFonts();
  const key = `${w}x${h}`;
  let c = canvases.get(key);
  if (!c) {
    c = createCanvas(w, h) as unknown as ReturnType<CanvasFactory>;
    canvases.set(key, c);
  }
  return c;
};
