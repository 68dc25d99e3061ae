/**
 * `jpg` (a JPEG file) with an EXIF APP1 segment after its start marker, holding IFD0 `tags`
 * ([tag, SHORT value], e.g. [0x0112, 6]: orientation "rotate 90° clockwise to display") in the
 * given byte order, after `before` other APP2 segments (tests only).
 */
export function withExif(jpg: Uint8Array, tags: readonly [number, number][], order: 'II' | 'MM' = 'II', before = 0): Uint8Array {
  const le = order === 'II';
  const u16 = (v: number) => (le ? [v & 255, v >> 8] : [v >> 8, v & 255]);
  const u32 = (v: number) => (le ? [v & 255, (v >> 8) & 255, (v >> 16) & 255, v >>> 24] : [v >>> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255]);
  const tiff = [...Buffer.from(order, 'latin1'), ...u16(42), ...u32(8), ...u16(tags.length)];
  for (const [tag, v] of tags) tiff.push(...u16(tag), ...u16(3), ...u32(1), ...u16(v), 0, 0);
  tiff.push(...u32(0));
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from(tiff)]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 255]), body]);
  const other = Buffer.concat(Array.from({ length: before }, () => Buffer.from([0xff, 0xe2, 0, 6, 1, 2, 3, 4])));
  return new Uint8Array(Buffer.concat([jpg.subarray(0, 2), other, app1, jpg.subarray(2)]));
}
