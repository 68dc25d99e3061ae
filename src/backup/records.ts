import { base64ToBytes, base64ToFloat32, bytesToBase64, float32ToBase64 } from './base64';

/**
 * Turns stored records into JSON-safe values and back, exactly: Uint8Array becomes
 * {"$u8": base64}, Float32Array {"$f32": base64 of its bytes}; everything else is copied.
 * decode(encode(x)) has the same fields, types and bytes as x.
 */
export function encodeValue(v: unknown): unknown {
  if (v instanceof Uint8Array) return { $u8: bytesToBase64(v) };
  if (v instanceof Float32Array) return { $f32: float32ToBase64(v) };
  if (ArrayBuffer.isView(v)) throw new TypeError(`cannot back up a ${v.constructor.name}`);
  if (Array.isArray(v)) return v.map(encodeValue);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = encodeValue(x);
    return out;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) throw new RangeError('cannot back up a non-finite number');
  return v;
}

export function decodeValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeValue);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === '$u8') return base64ToBytes(o.$u8 as string);
    if (keys.length === 1 && keys[0] === '$f32') return base64ToFloat32(o.$f32 as string);
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = decodeValue(o[k]);
    return out;
  }
  return v;
}
