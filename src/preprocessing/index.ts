export * from './pixelImage';
export * from './errors';
export { preprocess, PREPROCESS_VERSION, INPUT_HEIGHT, INPUT_WIDTH } from './preprocess';
export type { PreprocessResult, PreprocessOptions } from './preprocess';
export { MAX_PIXELS, checkImageSize } from './decodeLimits';
export { toGrey, toGreyPixels } from './greyscale';
