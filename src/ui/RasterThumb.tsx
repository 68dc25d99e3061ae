import { useEffect, useRef } from 'react';
import { INPUT_HEIGHT, INPUT_WIDTH } from '../preprocessing';
import { rasterToRgba } from '../runtime/raster';

/** The normalised model input (what the model sees), drawn dark on white at 192x96. */
export function RasterThumb({ image, label, testId }: { image: Uint8Array; label: string; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    ctx.putImageData(new ImageData(rasterToRgba(image) as Uint8ClampedArray<ArrayBuffer>, INPUT_WIDTH, INPUT_HEIGHT), 0, 0);
  }, [image]);
  return (
    <canvas
      ref={ref}
      className="thumb"
      width={INPUT_WIDTH}
      height={INPUT_HEIGHT}
      role="img"
      aria-label={label}
      title={label}
      data-testid={testId}
    />
  );
}
