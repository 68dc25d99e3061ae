/**
 * Morphological erosion of an ink mask (1 = ink): each pass keeps an ink pixel only if its neighbours are ink too,
 * alternately its 8 neighbours (a square) and its 4 (a cross), so that several passes approximate a disc. A stroke
 * loses `passes` pixels on each side; strokes narrower than 2 x passes + 1 vanish. Used to bring a signature
 * written with a broader pen toward its references' stroke width (preprocess's erodeInk; an experiment's, measured
 * worse than broadening the references: docs/scan-conditions.md). Returns a new mask.
 */
export function erodeInkMask(mask: Uint8Array, width: number, height: number, passes: number): Uint8Array {
  let cur = mask.slice();
  for (let p = 0; p < passes; p++) {
    const square = p % 2 === 0;
    const next = new Uint8Array(cur.length);
    for (let y = 1; y < height - 1; y++) {
      for (let x = 1; x < width - 1; x++) {
        const i = y * width + x;
        if (!cur[i] || !cur[i - 1] || !cur[i + 1] || !cur[i - width] || !cur[i + width]) continue;
        if (square && (!cur[i - width - 1] || !cur[i - width + 1] || !cur[i + width - 1] || !cur[i + width + 1])) continue;
        next[i] = 1;
      }
    }
    cur = next;
  }
  return cur;
}
