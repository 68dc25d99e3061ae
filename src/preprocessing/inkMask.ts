/**
 * Clean-up of a binary ink mask: ruled lines along the borders (scanner artefacts, form boxes)
 * and specks (paper noise) are removed; the signature's own strokes and dots stay.
 */
/**
 * Clears rows (columns) in the outer 6% of the mask that are more than 35% ink: a scan's dark edge,
 * a form box's sides. With `throughBand`, a line straddling the band's inner edge is cleared whole:
 * a row (column) past the band goes too while the one outward of it went and it is as full of ink,
 * if the line ends within twice the band's depth (a dark region going on beyond that is no line:
 * the band's rows go as before, the rest stays, and a page that dark is refused). preprocess asks
 * for that on its second threshold only, which takes a black box's part-dark edges as ink.
 * Returns the mask indices cleared (ink that was there).
 */
export function removeBorderLines(mask: Uint8Array, width: number, height: number, throughBand = false): number[] {
  const cleared: number[] = [];
  const bandY = Math.max(2, Math.round(height * 0.06));
  const bandX = Math.max(2, Math.round(width * 0.06));
  // Lines along one side: those in the band, and a line's continuation past it if it ends within the band's depth again.
  const side = (count: number, band: number, along: number, index: (line: number, i: number) => number, inward: (k: number) => number) => {
    const limit = Math.min(2 * band, Math.floor(count / 2));
    const full: boolean[] = [];
    for (let k = 0; k <= limit && k < count; k++) {
      let ink = 0;
      for (let i = 0; i < along; i++) ink += mask[index(inward(k), i)];
      full.push(ink > along * 0.35);
    }
    let end = Math.min(band, limit);
    if (throughBand && full[end - 1]) {
      let e = end;
      while (e < limit && full[e]) e++;
      if (!full[e]) end = e; // the line ended: clear it whole; else a dark region, not a line
    }
    for (let k = 0; k < end; k++) {
      if (!full[k]) continue;
      for (let i = 0; i < along; i++) {
        const j = index(inward(k), i);
        if (mask[j]) cleared.push(j);
        mask[j] = 0;
      }
    }
  };
  const row = (y: number, x: number) => y * width + x;
  const column = (x: number, y: number) => y * width + x;
  side(height, bandY, width, row, (k) => k);
  side(height, bandY, width, row, (k) => height - 1 - k);
  side(width, bandX, height, column, (k) => k);
  side(width, bandX, height, column, (k) => width - 1 - k);
  return cleared;
}

/** Removes 8-connected components smaller than `minArea` pixels. Returns the ink pixels left. */
export function removeSpecks(mask: Uint8Array, width: number, height: number, minArea: number): number {
  const n = width * height;
  const seen = new Uint8Array(n);
  const stack = new Int32Array(n);
  // The current component's pixels (a typed buffer, not an array grown per pixel).
  const comp = new Int32Array(n);
  let kept = 0;
  for (let start = 0; start < n; start++) {
    if (!mask[start] || seen[start]) continue;
    let cn = 0;
    let sp = 0;
    stack[sp++] = start;
    seen[start] = 1;
    while (sp > 0) {
      const p = stack[--sp];
      comp[cn++] = p;
      const px = p % width;
      const py = (p - px) / width;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = py + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = px + dx;
          if (xx < 0 || xx >= width) continue;
          const q = yy * width + xx;
          if (mask[q] && !seen[q]) {
            seen[q] = 1;
            stack[sp++] = q;
          }
        }
      }
    }
    if (cn < minArea) for (let i = 0; i < cn; i++) mask[comp[i]] = 0;
    else kept += cn;
  }
  return kept;
}

/**
 * Bounding box of the ink, trimming `trim` of the ink mass from each side so a stray mark far
 * from the signature does not decide the crop.
 */
export function inkBoundingBox(
  mask: Uint8Array,
  width: number,
  height: number,
  trim = 0.004,
): { x0: number; y0: number; x1: number; y1: number } {
  const cols = new Float64Array(width);
  const rows = new Float64Array(height);
  let total = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (mask[y * width + x]) {
        cols[x]++;
        rows[y]++;
        total++;
      }
    }
  }
  const span = (proj: Float64Array): [number, number] => {
    const cut = total * trim;
    let acc = 0;
    let a = 0;
    while (a < proj.length - 1 && acc + proj[a] <= cut) acc += proj[a++];
    acc = 0;
    let b = proj.length - 1;
    while (b > a && acc + proj[b] <= cut) acc += proj[b--];
    return [a, b + 1];
  };
  const [x0, x1] = span(cols);
  const [y0, y1] = span(rows);
  return { x0, y0, x1, y1 };
}
