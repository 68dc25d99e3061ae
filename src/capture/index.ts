export * from './errors';
export * from './imageHeader';
export * from './inspect';
export * from './strokes';
export { decodeImageBlob, bitmapToPixels } from './decode';
export { SignaturePad } from './signaturePad';
export * from './clipboard';
