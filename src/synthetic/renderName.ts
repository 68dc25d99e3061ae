import { familyName, FONT_FAMILIES } from './fonts';
import type { InkMask } from './inkField';
import type { WriterStyle } from './writerStyle';

/** The part of a 2D canvas context the renderer uses (browser canvas or @napi-rs/canvas). */
export interface RenderContext {
  font: string;
  letterSpacing: string;
  lineWidth: number;
  lineCap: CanvasLineCap;
  lineJoin: CanvasLineJoin;
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  measureText(text: string): { width: number; actualBoundingBoxAscent: number; actualBoundingBoxDescent: number; actualBoundingBoxLeft: number; actualBoundingBoxRight: number };
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  transform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  translate(x: number, y: number): void;
  rotate(a: number): void;
  scale(x: number, y: number): void;
  clearRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  strokeText(text: string, x: number, y: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  bezierCurveTo(a: number, b: number, c: number, d: number, e: number, f: number): void;
  quadraticCurveTo(a: number, b: number, c: number, d: number): void;
  arc(x: number, y: number, r: number, a0: number, a1: number): void;
  ellipse(x: number, y: number, rx: number, ry: number, rot: number, a0: number, a1: number): void;
  stroke(): void;
  fill(): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}

export type CanvasFactory = (width: number, height: number) => { getContext(type: '2d'): RenderContext };

/** Render canvas: the signature pad's box (600 x 240), so drawn and synthetic signatures share a scale. */
export const RENDER_WIDTH = 600;
export const RENDER_HEIGHT = 240;

/**
 * Draws the writer's text in its font, slant, proportions, spacing and pen width, plus its
 * flourish, fitted into the render box; returns ink coverage (from the alpha channel).
 */
export function renderName(createCanvas: CanvasFactory, s: WriterStyle): InkMask {
  const W = RENDER_WIDTH, H = RENDER_HEIGHT;
  const ctx = createCanvas(W, H).getContext('2d');
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, W, H);
  ctx.font = `${s.fontPx.toFixed(1)}px "${familyName(FONT_FAMILIES[s.font])}"`;
  ctx.letterSpacing = `${s.letterSpacing.toFixed(2)}px`;
  const m = ctx.measureText(s.text);
  const left = -m.actualBoundingBoxLeft, right = m.actualBoundingBoxRight;
  const asc = Math.max(1, m.actualBoundingBoxAscent), desc = Math.max(0, m.actualBoundingBoxDescent);
  const textW = Math.max(1, right - left);
  const flourishDrop = s.flourish === 'none' || s.flourish === 'tail' || s.flourish === 'dots' ? 0 : 0.45 * s.fontPx;
  const extraRight = s.flourish === 'tail' || s.flourish === 'dots' || s.flourish === 'loop' ? 0.2 * s.fontPx : 0;
  // Box of the writing (text coordinates, baseline at y = 0) after shear and x scale.
  const boxW = (textW + extraRight) * s.xScale + Math.abs(s.slant) * (asc + desc + flourishDrop);
  const boxH = asc + desc + flourishDrop;
  const fit = Math.min(1, (W * 0.8) / boxW, (H * 0.7) / boxH);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.translate(W / 2, H / 2 + fit * (asc - desc - flourishDrop) / 2);
  ctx.rotate(s.rotation);
  ctx.scale(fit, fit);
  ctx.transform(1, 0, -s.slant, 1, 0, 0);
  ctx.scale(s.xScale, 1);
  ctx.translate(-(left + right + extraRight) / 2, 0);
  ctx.fillStyle = '#fff';
  ctx.strokeStyle = '#fff';
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.fillText(s.text, 0, 0);
  if (s.penWidth > 0.05) {
    ctx.lineWidth = s.penWidth;
    ctx.strokeText(s.text, 0, 0);
  }
  drawFlourish(ctx, s, { left, right, asc, desc });
  const rgba = ctx.getImageData(0, 0, W, H).data;
  const data = new Float32Array(W * H);
  for (let i = 0; i < data.length; i++) data[i] = rgba[4 * i + 3] / 255;
  return { width: W, height: H, data };
}

function drawFlourish(ctx: RenderContext, s: WriterStyle, b: { left: number; right: number; asc: number; desc: number }): void {
  if (s.flourish === 'none') return;
  const [c1, c2, c3] = s.flourishShape;
  const w = b.right - b.left;
  const px = s.fontPx;
  ctx.lineWidth = Math.max(1.2, 0.045 * px + s.penWidth);
  ctx.beginPath();
  switch (s.flourish) {
    case 'underline': {
      const y = b.desc + 0.18 * px * (1 + 0.4 * c1);
      ctx.moveTo(b.left - 0.05 * w * (1 + c2), y);
      ctx.quadraticCurveTo(b.left + w * (0.5 + 0.2 * c3), y + 0.12 * px * c2, b.right + 0.08 * w, y - 0.1 * px * (1 + c1));
      break;
    }
    case 'swoosh': {
      ctx.moveTo(b.right, -0.1 * px);
      ctx.bezierCurveTo(b.right + 0.25 * px, b.desc + 0.3 * px * (1 + 0.3 * c1), b.left + w * (0.6 + 0.2 * c2), b.desc + 0.4 * px, b.left + w * (0.1 + 0.1 * c3), b.desc + 0.15 * px);
      break;
    }
    case 'loop': {
      const x = b.right + 0.05 * px;
      ctx.moveTo(b.right - 0.05 * px, 0);
      ctx.bezierCurveTo(x + 0.3 * px, -0.3 * px * (1 + 0.3 * c1), x + 0.25 * px, 0.35 * px, x, 0.2 * px);
      ctx.bezierCurveTo(x - 0.25 * px, 0.05 * px, b.left + w * (0.7 + 0.15 * c2), b.desc + 0.35 * px, b.left + w * (0.05 + 0.1 * c3), b.desc + 0.25 * px);
      break;
    }
    case 'tail': {
      ctx.moveTo(b.right - 0.05 * px, -0.05 * px);
      ctx.quadraticCurveTo(b.right + 0.15 * px, 0.1 * px * (1 + c1), b.right + 0.22 * px, -b.asc * (0.4 + 0.25 * c2));
      break;
    }
    case 'dots': {
      const r = Math.max(1.2, 0.035 * px + s.penWidth / 2);
      const n = c1 > 0 ? 2 : 1;
      for (let k = 0; k < n; k++) {
        ctx.beginPath();
        ctx.arc(b.right + 0.1 * px + k * 0.12 * px, -0.02 * px * (1 + c2), r, 0, 2 * Math.PI);
        ctx.fill();
      }
      return;
    }
  }
  ctx.stroke();
}
