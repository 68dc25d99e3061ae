export * from './errors';
export * from './format';
export * from './plan';
export * from './validate';
export { canonicalJson, sha256Hex } from './canonical';
export * from './io';
export * from './lines';
