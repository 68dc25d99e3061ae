import { CaptureError } from './errors';

/**
 * Pen strokes of the signature pad in logical pad units (independent of the canvas's CSS size
 * and devicePixelRatio), and how they are rendered. Pure apart from drawing on a given context.
 */
export const PAD_WIDTH = 600;
export const PAD_HEIGHT = 240;
/** Line width at normal pressure, in pad units. */
export const BASE_LINE_WIDTH = 2.8;

export interface PadPoint {
  x: number;
  y: number;
  /** 0..1 as reported by PointerEvent.pressure. */
  pressure: number;
  /** Milliseconds since the drawing's first point (absent in drawings saved before v0.2). */
  t?: number;
}

export interface Stroke {
  pointerType: string;
  points: PadPoint[];
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * Line width for a point: pens (and touch screens that report force) vary with pressure;
 * a mouse reports a constant 0.5 while pressed and gets the base width.
 */
export function lineWidthFor(pressure: number, pointerType: string, base = BASE_LINE_WIDTH): number {
  const hasPressure = (pointerType === 'pen' || pointerType === 'touch') && pressure > 0 && pressure !== 0.5;
  if (!hasPressure) return base;
  return base * (0.35 + 1.3 * clamp(pressure, 0, 1));
}

export interface StrokeExtent {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Total path length in pad units. */
  length: number;
  points: number;
}

export function strokesExtent(strokes: readonly Stroke[]): StrokeExtent | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let length = 0;
  let points = 0;
  for (const s of strokes) {
    s.points.forEach((p, i) => {
      minX = Math.min(minX, p.x);
      minY = Math.min(minY, p.y);
      maxX = Math.max(maxX, p.x);
      maxY = Math.max(maxY, p.y);
      if (i > 0) length += Math.hypot(p.x - s.points[i - 1].x, p.y - s.points[i - 1].y);
      points++;
    });
  }
  return points ? { minX, minY, maxX, maxY, length, points } : null;
}

/** Smallest drawing accepted: total stroke length and the larger side of its box, in pad units. */
export const MIN_STROKE_LENGTH = 40;
export const MIN_DRAWING_SIZE = 20;

/** Refuses an empty pad or a dot / tiny mark with a clear message (CaptureError 'blank-pad'). */
export function checkDrawing(strokes: readonly Stroke[]): void {
  const e = strokesExtent(strokes);
  if (!e) throw new CaptureError('blank-pad', 'The pad is empty. Sign inside the box first, then press "Use drawing".');
  const size = Math.max(e.maxX - e.minX, e.maxY - e.minY);
  if (e.length < MIN_STROKE_LENGTH || size < MIN_DRAWING_SIZE) {
    throw new CaptureError(
      'blank-pad',
      'The drawing is too small to be a signature (only a dot or a tiny mark). Clear the pad and sign with your full signature.',
    );
  }
}

type Ctx2D = Pick<
  CanvasRenderingContext2D,
  'beginPath' | 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'arc' | 'fill' | 'stroke' | 'lineWidth' | 'lineCap' | 'lineJoin' | 'strokeStyle' | 'fillStyle'
>;

/** Draws strokes with smoothed segments (quadratic curves through midpoints) and per-point width. */
export function drawStrokes(ctx: Ctx2D, strokes: readonly Stroke[], colour = '#111'): void {
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  for (const s of strokes) drawStroke(ctx, s);
}

export function drawStroke(ctx: Ctx2D, s: Stroke): void {
  const pts = s.points;
  if (pts.length === 0) return;
  if (pts.length === 1) {
    ctx.beginPath();
    ctx.arc(pts[0].x, pts[0].y, lineWidthFor(pts[0].pressure, s.pointerType) / 2, 0, Math.PI * 2);
    ctx.fill();
    return;
  }
  let from = pts[0];
  for (let i = 1; i < pts.length; i++) {
    const p = pts[i];
    const isLast = i === pts.length - 1;
    const to = isLast ? p : { x: (p.x + pts[i + 1].x) / 2, y: (p.y + pts[i + 1].y) / 2, pressure: p.pressure };
    ctx.beginPath();
    ctx.lineWidth = lineWidthFor(p.pressure, s.pointerType);
    ctx.moveTo(from.x, from.y);
    if (isLast) ctx.lineTo(to.x, to.y);
    else ctx.quadraticCurveTo(p.x, p.y, to.x, to.y);
    ctx.stroke();
    from = to;
  }
}

/** What the pen did, kept with a drawn reference as evidence: timing, pauses, pressure. */
export interface StrokeEvidence {
  strokes: number;
  points: number;
  /** First to last point, ms (null without timing). */
  durationMs: number | null;
  /** Time with the pen lifted between strokes, ms (null without timing). */
  penUpMs: number | null;
  /** Mean pen speed over the drawing, pad units per second (null without timing). */
  speed: number | null;
  /** Pressure range and mean; null when the device reports none (a mouse, or a constant 0.5). */
  pressure: { min: number; max: number; mean: number } | null;
  pointerTypes: string[];
}

export function strokeEvidence(strokes: readonly Stroke[]): StrokeEvidence {
  const e = strokesExtent(strokes);
  const pts = strokes.flatMap((s) => s.points);
  const timed = pts.length > 0 && pts.every((p) => typeof p.t === 'number' && Number.isFinite(p.t));
  let durationMs: number | null = null;
  let penUpMs: number | null = null;
  if (timed) {
    durationMs = Math.max(...pts.map((p) => p.t as number)) - Math.min(...pts.map((p) => p.t as number));
    penUpMs = 0;
    for (let i = 1; i < strokes.length; i++) {
      const prev = strokes[i - 1].points.at(-1);
      const next = strokes[i].points[0];
      if (prev && next) penUpMs += Math.max(0, (next.t as number) - (prev.t as number));
    }
  }
  const pressed = strokes.filter((s) => s.pointerType !== 'mouse').flatMap((s) => s.points.map((p) => p.pressure)).filter((p) => p > 0 && p !== 0.5);
  return {
    strokes: strokes.length,
    points: pts.length,
    durationMs,
    penUpMs,
    speed: durationMs && e ? (1000 * e.length) / Math.max(1, durationMs - (penUpMs ?? 0)) : null,
    pressure: pressed.length ? { min: Math.min(...pressed), max: Math.max(...pressed), mean: pressed.reduce((a, b) => a + b, 0) / pressed.length } : null,
    pointerTypes: [...new Set(strokes.map((s) => s.pointerType))],
  };
}
