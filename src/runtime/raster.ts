/**
 * The normalised model input is stored as 8-bit (0..255, ink bright). To make a stored
 * reference re-embed to exactly the same vector, every image (reference, questioned, demo) is
 * embedded from the quantised raster, so what is stored is exactly what the model saw.
 */
export function quantiseRaster(data: Float32Array): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = Math.round(Math.min(1, Math.max(0, data[i])) * 255);
  return out;
}

export function dequantiseRaster(data: Uint8Array): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] / 255;
  return out;
}

/** RGBA pixels of a stored raster for display: dark ink on white paper. */
export function rasterToRgba(data: Uint8Array): Uint8ClampedArray {
  const out = new Uint8ClampedArray(data.length * 4);
  for (let i = 0; i < data.length; i++) {
    const v = 255 - data[i];
    out[4 * i] = v;
    out[4 * i + 1] = v;
    out[4 * i + 2] = v;
    out[4 * i + 3] = 255;
  }
  return out;
}
