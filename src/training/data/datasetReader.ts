import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/** One writer's image files. `id` is unique across data sets: "<dataset>/<writer>". */
export interface WriterFiles {
  id: string;
  dataset: string;
  writer: string;
  genuine: string[];
  forged: string[];
}

const IMAGE = /\.(png|jpe?g|tiff?|bmp)$/i;
const FLAT = /^(original|forgeries)_(\d+)_(\d+)\.(png|jpe?g|tiff?|bmp)$/i;

const byNumber = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

/** Folder names (any case) taken for a writer's genuine signatures and for forgeries of them. */
const GENUINE_DIRS = ['genuine', 'genuines', 'real', 'original', 'originals'];
const FORGED_DIRS = ['forged', 'forgery', 'forgeries', 'forge', 'skilled', 'fake', 'fakes'];

/** The first sub-folder of `dir` whose lower-case name is one of `names`. */
function childDir(dir: string, names: readonly string[]): string | undefined {
  const hit = readdirSync(dir).find((n) => names.includes(n.toLowerCase()) && statSync(join(dir, n)).isDirectory());
  return hit === undefined ? undefined : join(dir, hit);
}

function listImages(dir: string | undefined): string[] {
  if (dir === undefined) return [];
  return existsSync(dir) ? readdirSync(dir).filter((f) => IMAGE.test(f)).sort(byNumber).map((f) => join(dir, f)) : [];
}

/**
 * Reads a signature data set. Two layouts are understood:
 * - `<root>/<writer>/genuine/*.png|jpg|tif|bmp` and `<root>/<writer>/forged/*` (the layout of ../shared/data;
 *   the folder names in any case, and also real/original(s) for genuine, forgery/forgeries/forge/
 *   skilled/fake(s) for forged);
 * - CEDAR's original flat naming, `original_<w>_<n>.png` and `forgeries_<w>_<n>.png`, in `root`
 *   or any folder below it (CEDAR ships them in full_org/ and full_forg/).
 * Writers without genuine images are skipped.
 */
export function readDataset(root: string): WriterFiles[] {
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`data set folder not found: ${root}`);
  const dataset = basename(root.replace(/\/+$/, ''));
  const writers: WriterFiles[] = [];
  for (const name of readdirSync(root).sort(byNumber)) {
    const dir = join(root, name);
    if (!statSync(dir).isDirectory()) continue;
    const genuine = listImages(childDir(dir, GENUINE_DIRS));
    if (genuine.length) writers.push({ id: `${dataset}/${name}`, dataset, writer: name, genuine, forged: listImages(childDir(dir, FORGED_DIRS)) });
  }
  if (writers.length) return writers;
  const flat = new Map<string, WriterFiles>();
  const walk = (dir: string, depth: number) => {
    for (const name of readdirSync(dir).sort(byNumber)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (depth < 3) walk(p, depth + 1);
        continue;
      }
      const m = FLAT.exec(name);
      if (!m) continue;
      const writer = m[2].padStart(3, '0');
      const w = flat.get(writer) ?? { id: `${dataset}/${writer}`, dataset, writer, genuine: [], forged: [] };
      (m[1].toLowerCase() === 'original' ? w.genuine : w.forged).push(p);
      flat.set(writer, w);
    }
  };
  walk(root, 0);
  const out = [...flat.values()].filter((w) => w.genuine.length).sort((a, b) => byNumber(a.writer, b.writer));
  for (const w of out) {
    w.genuine.sort(byNumber);
    w.forged.sort(byNumber);
  }
  if (!out.length) throw new Error(`no signatures found in ${root}: expected <writer>/genuine/*.png or original_<w>_<n>.png files`);
  return out;
}
