import { matchedPenWidth, strokeWidthOf } from './strokeWidth';

/**
 * Pen matching across domains. A signature drawn on the pad has the pad's even line; a scan has
 * the customer's pen, with its width and pressure. With pp1 preprocessing the model sees that
 * width (on real scans it is a genuine cue: skilled forgers often use a finer pen), so a drawing
 * checked against scanned references looks "wrong pen" to it: on unseen synthetic writers the
 * skilled EER was about 12 points worse than within one domain (docs/synthetic-writers.md).
 * When the questioned signature comes from the other domain than most references, it is
 * preprocessed with `penWidth` = the references' own measured width: its centre line is redrawn
 * with their pen. Within one domain nothing changes.
 */

/** One active reference as the pen matching sees it: its domain and stored model input. */
export interface PenMatchReference {
  /** Drawn on the pad (true) or an image of paper (false). */
  drawn: boolean;
  /** The stored model-input raster, ink bright (0..`scale`). */
  image: ArrayLike<number>;
}

export interface PenMatch {
  /** Pen width to redraw the questioned signature with, in model-input pixels. */
  penWidth: number;
  /** The references' domain the questioned signature was matched to. */
  matchedTo: 'scanned' | 'drawn';
  /** How many references the width was measured on. */
  references: number;
}

/**
 * The pen matching for a questioned signature, or null when the references are mostly from the
 * questioned signature's own domain (or none has usable ink). The width comes from the references
 * of the other domain only.
 */
export function penMatchFor(
  questionedDrawn: boolean,
  references: readonly PenMatchReference[],
  width: number,
  height: number,
  scale = 255,
): PenMatch | null {
  const other = references.filter((r) => r.drawn !== questionedDrawn);
  if (other.length === 0 || other.length * 2 <= references.length) return null;
  const penWidth = matchedPenWidth(other.map((r) => strokeWidthOf(r.image, width, height, scale)));
  if (penWidth === null) return null;
  return { penWidth, matchedTo: questionedDrawn ? 'scanned' : 'drawn', references: other.length };
}
