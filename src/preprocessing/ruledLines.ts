/**
 * Printed signature lines: the line of a cheque or a form runs under (and through) the signature
 * and across the whole crop. Kept as ink it decides the crop and squeezes the signature into a
 * strip (a genuine signature on a line was rejected 87-100% of the time before this step;
 * docs/scan-conditions.md). A printed line is straight and thin; handwriting is neither for long.
 */

/** Slopes searched: up to about 3 degrees either way (a scan or a photo taken a little askew). */
const MAX_SLOPE = 0.0525;
/**
 * A printed line runs from edge to edge of the crop (within this fraction of the width of each
 * edge); the signature sits on it. Hand-drawn underlines and long tails can be as straight, but
 * start or stop inside the image's margin: of CEDAR's, BHSig's and the synthetic writers' images
 * none is taken for a line (a half-width rule took five CEDAR signatures' own strokes).
 * A line that stops short of either edge stays: crop the image across the line.
 */
const EDGE = 0.02;
/** Ink may be missing over at most this many columns inside a line (scan noise, faint print). */
const MAX_GAP = 3;
/** Lines removed from one image at most (a form's lines; ruled paper). */
const MAX_LINES = 4;

export interface RuledLine {
  /** The line's centre row at column 0 (it is traced one row either side), and its slope (rows per column). */
  y0: number;
  slope: number;
  /** Columns [x0, x1) of the straight run. */
  x0: number;
  x1: number;
  /** Mask indices cleared (the line's pixels; crossings kept). */
  cleared: number[];
}

/**
 * Removes near-horizontal straight lines running from edge to edge (EDGE) from a binary ink mask
 * (in place) and returns them. Where a stroke crosses a line (ink just above and just below it),
 * the crossing stays. Thickness: the vertical ink run through the line's centre, at most
 * max(3, 2% of the height) rows; a longer run is a stroke along the line and stays.
 */
export function removeRuledLines(mask: Uint8Array, width: number, height: number): RuledLine[] {
  const found: RuledLine[] = [];
  if (width < 16) return found;
  const edge = Math.max(2, Math.round(width * EDGE));
  for (let n = 0; n < MAX_LINES; n++) {
    // Most images have a margin of paper on both sides: no line can run from edge to edge.
    if (!inkInColumns(mask, width, height, 0, edge + 1) || !inkInColumns(mask, width, height, width - edge - 1, width)) break;
    const line = strongestLine(mask, width, height, width - 2 * edge);
    if (!line || line.x0 > edge || line.x1 < width - edge) break;
    // A run nothing could be cleared from (strokes all along it) would be found again: stop.
    clearLine(mask, width, height, line);
    if (line.cleared.length === 0) break;
    found.push(line);
  }
  return found;
}

/**
 * The longest straight run of ink over all slopes and offsets, if it spans minSpan: a coarse
 * Hough vote (every other column, 2-row bins), then each promising pair of bins traced at full
 * resolution.
 */
function strongestLine(mask: Uint8Array, width: number, height: number, minSpan: number): RuledLine | null {
  // Slope steps of 2 / width drift at most one row over the width: one 2-row bin holds the line.
  const steps = Math.ceil((MAX_SLOPE * width) / 2);
  const slopes = 2 * steps + 1;
  const pad = steps * 2 + 2;
  const bins = Math.ceil((height + 2 * pad) / 2);
  const votes = new Int32Array(slopes * bins);
  for (let x = 0; x < width; x += 2) {
    for (let y = 0; y < height; y++) {
      if (!mask[y * width + x]) continue;
      for (let k = 0; k < slopes; k++) {
        const slope = ((k - steps) * 2) / width;
        const b = ((y - slope * x + pad) / 2) | 0;
        votes[k * bins + b]++;
      }
    }
  }
  // A run of minSpan columns gives about minSpan / 2 votes (every other column), split between two
  // neighbouring bins where the line crosses a bin edge: test each pair of bins.
  const need = Math.floor(minSpan / 2) - 1;
  let best: RuledLine | null = null;
  let bestInk = 0;
  for (let k = 0; k < slopes; k++) {
    for (let b = 0; b + 1 < bins; b++) {
      if (votes[k * bins + b] + votes[k * bins + b + 1] < need) continue;
      const slope = ((k - steps) * 2) / width;
      // The two bins span rows 2b - pad .. 2b - pad + 4 at column 0: trace each row's centre line.
      for (let r = 0; r < 4; r++) {
        const y0 = b * 2 - pad + r + 0.5;
        const run = longestRun(mask, width, height, y0, slope);
        // The longest run wins; between equal runs, the one with more ink in its band (the true slope).
        if (!run || run.x1 - run.x0 < minSpan) continue;
        if (!best || run.x1 - run.x0 > best.x1 - best.x0 || (run.x1 - run.x0 === best.x1 - best.x0 && run.ink > bestInk)) {
          best = { y0, slope, x0: run.x0, x1: run.x1, cleared: [] };
          bestInk = run.ink;
        }
      }
    }
  }
  return best;
}

/**
 * The longest run of columns with ink in the 3-row band around y = y0 + slope x (a slope step's
 * drift and a staircase of one-pixel lines stay inside it), gaps up to MAX_GAP, with its ink pixels.
 */
function longestRun(mask: Uint8Array, width: number, height: number, y0: number, slope: number): { x0: number; x1: number; ink: number } | null {
  let best: { x0: number; x1: number; ink: number } | null = null;
  let start = -1;
  let last = -1;
  let ink = 0;
  for (let x = 0; x < width; x++) {
    const y = Math.floor(y0 + slope * x);
    let here = 0;
    for (let yy = Math.max(0, y - 1); yy <= Math.min(height - 1, y + 1); yy++) here += mask[yy * width + x];
    if (!here) continue;
    if (start < 0 || x - last > MAX_GAP + 1) {
      start = x;
      ink = 0;
    }
    last = x;
    ink += here;
    if (!best || last + 1 - start > best.x1 - best.x0) best = { x0: start, x1: last + 1, ink };
    else if (last + 1 - start === best.x1 - best.x0) best.ink = Math.max(best.ink, ink);
  }
  return best;
}

/** Clears the line's pixels column by column, keeping strokes that cross it; records them in line.cleared. */
function clearLine(mask: Uint8Array, width: number, height: number, line: RuledLine): void {
  const maxThick = Math.max(3, Math.round(height * 0.02));
  for (let x = line.x0; x < line.x1; x++) {
    const yc = Math.floor(line.y0 + line.slope * x);
    let y = -1;
    for (const c of [yc, yc - 1, yc + 1]) {
      if (c >= 0 && c < height && mask[c * width + x]) {
        y = c;
        break;
      }
    }
    if (y < 0) continue;
    let ya = y;
    let yb = y;
    while (ya > 0 && mask[(ya - 1) * width + x] && yb - ya < maxThick) ya--;
    while (yb < height - 1 && mask[(yb + 1) * width + x] && yb - ya < maxThick) yb++;
    if (yb - ya + 1 > maxThick) continue; // a stroke running along or through the line: keep it
    const above = ya > 0 && hasInkNear(mask, width, x, ya - 1);
    const below = yb < height - 1 && hasInkNear(mask, width, x, yb + 1);
    if (above && below) continue; // a stroke crossing the line
    for (let yy = ya; yy <= yb; yy++) {
      mask[yy * width + x] = 0;
      line.cleared.push(yy * width + x);
    }
  }
}

/** Whether any of columns [x0, x1) holds ink. */
function inkInColumns(mask: Uint8Array, width: number, height: number, x0: number, x1: number): boolean {
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = x0; x < x1; x++) if (mask[row + x]) return true;
  }
  return false;
}

/** Ink at (x, y) or its left or right neighbour. */
function hasInkNear(mask: Uint8Array, width: number, x: number, y: number): boolean {
  const row = y * width;
  return mask[row + x] === 1 || (x > 0 && mask[row + x - 1] === 1) || (x < width - 1 && mask[row + x + 1] === 1);
}
