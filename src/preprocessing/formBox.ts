/**
 * A form's signature box inside the image. Sides within the page's outer 6% go with the border
 * lines (inkMask.ts); a box further in (the image cropped with a margin around the box) would
 * otherwise decide the crop and shrink the signature inside it to a corner of the raster: with the
 * box 12% inside the page, every cedar-dev validation signature was rejected (docs/scan-conditions.md).
 *
 * A box is four straight axis-aligned sides, each at least half the page long, that meet at their
 * ends: two long horizontal runs of ink (top and bottom) spanning the same columns as two long
 * vertical runs (left and right) span rows. Handwriting has long straight strokes, but not four
 * that close a rectangle. A box turned by more than about half a degree is not found.
 */

/** Ink may be missing over at most this many pixels inside a side (scan noise, faint print). */
const MAX_GAP = 3;
/** A side is at least this share of the page's width (height). */
const MIN_SIDE = 0.5;

interface Run {
  start: number;
  end: number;
}

/** The longest run of ink along line `k` (a row or a column) over a 3-line band, gaps up to MAX_GAP. */
function longestRun(mask: Uint8Array, lines: number, along: number, at: (line: number, i: number) => number, k: number): Run {
  let best: Run = { start: 0, end: 0 };
  let start = -1;
  let last = -1;
  for (let i = 0; i < along; i++) {
    let ink = 0;
    for (let l = Math.max(0, k - 1); l <= Math.min(lines - 1, k + 1); l++) ink += mask[at(l, i)];
    if (!ink) continue;
    if (start < 0 || i - last > MAX_GAP + 1) start = i;
    last = i;
    if (last + 1 - start > best.end - best.start) best = { start, end: last + 1 };
  }
  return best;
}

/** The lines (rows or columns) whose longest run is at least `min` long, with their runs. */
function longLines(mask: Uint8Array, lines: number, along: number, at: (line: number, i: number) => number, min: number, ink: Int32Array): Map<number, Run> {
  const out = new Map<number, Run>();
  // A run of `min` needs that much ink in the 3-line band: most lines are passed over on their sums.
  for (let k = 0; k < lines; k++) {
    const band = ink[k] + (k > 0 ? ink[k - 1] : 0) + (k + 1 < lines ? ink[k + 1] : 0);
    if (band < min) continue;
    const run = longestRun(mask, lines, along, at, k);
    if (run.end - run.start >= min) out.set(k, run);
  }
  return out;
}

/**
 * Finds a form's box in a binary ink mask and clears its sides (in place): every ink pixel of the
 * rows (columns) of each side whose run is long, between the box's corners. Strokes crossing a side
 * are cut there. Returns the mask indices cleared; empty when there is no box.
 */
export function removeFormBox(mask: Uint8Array, width: number, height: number): number[] {
  const row = (y: number, x: number) => y * width + x;
  const column = (x: number, y: number) => y * width + x;
  // Ink per row and per column, in one pass.
  const rowInk = new Int32Array(height);
  const colInk = new Int32Array(width);
  for (let y = 0, i = 0; y < height; y++)
    for (let x = 0; x < width; x++, i++)
      if (mask[i]) {
        rowInk[y]++;
        colInk[x]++;
      }
  const rows = longLines(mask, height, width, row, Math.ceil(width * MIN_SIDE), rowInk);
  if (rows.size < 2) return [];
  const cols = longLines(mask, width, height, column, Math.ceil(height * MIN_SIDE), colInk);
  if (cols.size < 2) return [];
  const top = Math.min(...rows.keys());
  const bottom = Math.max(...rows.keys());
  const left = Math.min(...cols.keys());
  const right = Math.max(...cols.keys());
  const tolX = Math.max(4, Math.round(width * 0.03));
  const tolY = Math.max(4, Math.round(height * 0.03));
  const near = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol;
  // The sides meet at the corners: the horizontal sides run from the left side to the right one, and back.
  const spans = (run: Run, from: number, to: number, tol: number) => near(run.start, from, tol) && near(run.end - 1, to, tol);
  if (bottom - top < height * MIN_SIDE || right - left < width * MIN_SIDE) return [];
  if (!spans(rows.get(top)!, left, right, tolX) || !spans(rows.get(bottom)!, left, right, tolX)) return [];
  if (!spans(cols.get(left)!, top, bottom, tolY) || !spans(cols.get(right)!, top, bottom, tolY)) return [];
  const cleared: number[] = [];
  const clear = (i: number) => {
    if (mask[i]) cleared.push(i);
    mask[i] = 0;
  };
  // Each side's thickness: the long lines next to its outermost one (a side a few pixels thick).
  const side = (found: Map<number, Run>, edge: number, step: number) => {
    const out: number[] = [];
    for (let k = edge; found.has(k); k += step) out.push(k);
    return out;
  };
  for (const y of [...side(rows, top, 1), ...side(rows, bottom, -1)]) for (let x = Math.max(0, left - tolX); x <= Math.min(width - 1, right + tolX); x++) for (let yy = Math.max(0, y - 1); yy <= Math.min(height - 1, y + 1); yy++) clear(row(yy, x));
  for (const x of [...side(cols, left, 1), ...side(cols, right, -1)]) for (let y = Math.max(0, top - tolY); y <= Math.min(height - 1, bottom + tolY); y++) for (let xx = Math.max(0, x - 1); xx <= Math.min(width - 1, x + 1); xx++) clear(row(y, xx));
  return cleared;
}
