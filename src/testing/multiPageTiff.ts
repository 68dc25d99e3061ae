import * as UTIF from 'utif2';
import type { PixelImage } from '../preprocessing';

/**
 * An uncompressed RGBA TIFF with one page per RGBA image, in order (tests only: what cheque imaging
 * writes for a front and a back). `reduced` marks pages as reduced-resolution copies
 * (NewSubfileType 1, a thumbnail), which are not pages of their own.
 */
export function multiPageTiff(pages: readonly PixelImage[], reduced: readonly boolean[] = []): Uint8Array {
  const HEAD = 8192; // room for the IFDs; the pixel strips follow
  if (pages.some((p) => p.channels !== 4)) throw new Error('multiPageTiff takes RGBA pages (what the decoders return)');
  const rgba = pages.map((p) => p.data);
  let offset = HEAD;
  const ifds = pages.map((p, i) => {
    const ifd = {
      t254: [reduced[i] ? 1 : 0],
      t256: [p.width],
      t257: [p.height],
      t258: [8, 8, 8, 8],
      t259: [1],
      t262: [2],
      t273: [offset],
      t277: [4],
      t278: [p.height],
      t279: [rgba[i].length],
      t284: [1],
      t338: [1],
    };
    offset += rgba[i].length;
    return ifd;
  });
  const head = new Uint8Array(UTIF.encode(ifds as unknown as UTIF.IFD[]));
  if (head.length > HEAD) throw new Error('too many pages for multiPageTiff');
  const file = new Uint8Array(offset);
  file.set(head);
  let o = HEAD;
  for (const r of rgba) {
    file.set(r, o);
    o += r.length;
  }
  return file;
}
