import type { PixelImage } from '../preprocessing';
import { bitmapToPixels, makeCanvas } from './decode';
import { checkDrawing, drawStroke, drawStrokes, PAD_HEIGHT, PAD_WIDTH, type PadPoint, type Stroke } from './strokes';

export interface SignaturePadOptions {
  /** Called after every change with the number of strokes. */
  onChange?: (strokeCount: number) => void;
}

/**
 * A drawing surface for signatures on a <canvas>: pointer events (mouse, touch, pen with
 * pressure), sharp at any devicePixelRatio, undo and clear. Strokes are kept in logical pad
 * units (PAD_WIDTH x PAD_HEIGHT) so resizing the canvas never distorts them; the exported image
 * is always PAD_WIDTH x PAD_HEIGHT, dark ink on white.
 */
export class SignaturePad {
  private strokes: Stroke[] = [];
  private current: Stroke | null = null;
  /** timeStamp of the drawing's first point; reset by clear(). */
  private t0: number | undefined;
  private activePointer: number | null = null;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly resizeObserver: ResizeObserver | null;
  private readonly listeners: Array<[string, EventListener]> = [];

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly opts: SignaturePadOptions = {},
  ) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas context');
    this.ctx = ctx;
    canvas.style.touchAction = 'none';
    this.on('pointerdown', (e) => this.down(e as PointerEvent));
    this.on('pointermove', (e) => this.move(e as PointerEvent));
    this.on('pointerup', (e) => this.up(e as PointerEvent));
    this.on('pointercancel', (e) => this.up(e as PointerEvent));
    this.on('lostpointercapture', (e) => this.up(e as PointerEvent));
    this.resizeObserver = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => this.resize()) : null;
    this.resizeObserver?.observe(canvas);
    this.resize();
  }

  get strokeCount(): number {
    return this.strokes.length;
  }

  get isEmpty(): boolean {
    return this.strokes.length === 0;
  }

  /** A copy of the strokes drawn so far. */
  getStrokes(): Stroke[] {
    return this.strokes.map((s) => ({ pointerType: s.pointerType, points: s.points.slice() }));
  }

  clear(): void {
    this.strokes = [];
    this.t0 = undefined;
    this.current = null;
    this.redraw();
    this.opts.onChange?.(0);
  }

  undo(): void {
    if (this.current) this.current = null;
    this.strokes.pop();
    if (this.strokes.length === 0) this.t0 = undefined;
    this.redraw();
    this.opts.onChange?.(this.strokes.length);
  }

  /** The drawing as pixels for preprocessing; throws CaptureError for a blank or tiny drawing. */
  toPixelImage(): PixelImage {
    checkDrawing(this.strokes);
    const c = makeCanvas(PAD_WIDTH, PAD_HEIGHT);
    const ctx = c.getContext('2d') as CanvasRenderingContext2D;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, PAD_WIDTH, PAD_HEIGHT);
    drawStrokes(ctx, this.strokes, '#000');
    return bitmapToPixels(c);
  }

  destroy(): void {
    this.resizeObserver?.disconnect();
    for (const [type, fn] of this.listeners) this.canvas.removeEventListener(type, fn);
  }

  /** Matches the backing store to the CSS size times devicePixelRatio and redraws. */
  resize(): void {
    const rect = this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round((rect.width || PAD_WIDTH) * dpr));
    const h = Math.max(1, Math.round((rect.height || PAD_HEIGHT) * dpr));
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    this.redraw();
  }

  private on(type: string, fn: EventListener): void {
    this.canvas.addEventListener(type, fn);
    this.listeners.push([type, fn]);
  }

  private toPad(e: PointerEvent): PadPoint {
    const rect = this.canvas.getBoundingClientRect();
    const x = ((e.clientX - rect.left) / (rect.width || 1)) * PAD_WIDTH;
    const y = ((e.clientY - rect.top) / (rect.height || 1)) * PAD_HEIGHT;
    // Time relative to the drawing's first point (PointerEvent.timeStamp is ms since page load).
    this.t0 ??= e.timeStamp;
    return { x, y, pressure: e.pressure, t: Math.max(0, Math.round((e.timeStamp - this.t0) * 10) / 10) };
  }

  private down(e: PointerEvent): void {
    if (this.activePointer !== null || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    this.activePointer = e.pointerId;
    try {
      this.canvas.setPointerCapture(e.pointerId);
    } catch {
      // synthetic events may have no capturable pointer
    }
    this.current = { pointerType: e.pointerType || 'mouse', points: [this.toPad(e)] };
    this.strokes.push(this.current);
    this.redraw();
  }

  private move(e: PointerEvent): void {
    if (!this.current || e.pointerId !== this.activePointer) return;
    e.preventDefault();
    const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    for (const ev of events.length ? events : [e]) this.current.points.push(this.toPad(ev));
    this.drawLatest();
  }

  private up(e: PointerEvent): void {
    if (e.pointerId !== this.activePointer) return;
    this.activePointer = null;
    if (this.current) {
      this.current = null;
      this.redraw();
      this.opts.onChange?.(this.strokes.length);
    }
  }

  private setTransform(): void {
    this.ctx.setTransform(this.canvas.width / PAD_WIDTH, 0, 0, this.canvas.height / PAD_HEIGHT, 0, 0);
  }

  private redraw(): void {
    const { ctx } = this;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.setTransform();
    drawStrokes(ctx, this.strokes);
  }

  /** Draws only the current stroke's newest points (cheap while drawing). */
  private drawLatest(): void {
    if (!this.current) return;
    const pts = this.current.points;
    this.setTransform();
    drawStroke(this.ctx, { pointerType: this.current.pointerType, points: pts.slice(Math.max(0, pts.length - 4)) });
  }
}
