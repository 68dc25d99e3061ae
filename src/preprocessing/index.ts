export * from './pixelImage';
export * from './errors';
export { preprocess, PREPROCESS_VERSION, PREPROCESS_VERSIONS, isPreprocessVersion, CENTRELINE_PEN_WIDTH, INPUT_HEIGHT, INPUT_WIDTH } from './preprocess';
export type { PreprocessVersion } from './preprocess';
export type { PreprocessResult, PreprocessOptions } from './preprocess';
export { MAX_PIXELS, checkImageSize } from './decodeLimits';
export { toGrey, toGreyPixels } from './greyscale';
