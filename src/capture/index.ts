export * from './errors';
export * from './imageHeader';
export * from './inspect';
export * from './strokes';
export { decodeImageBlob, decodeImageBlobWith, bitmapToPixels, type DecoderUsed } from './decode';
export { SignaturePad } from './signaturePad';
export * from './clipboard';
