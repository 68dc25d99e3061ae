export * from './backends';
export * from './errors';
export * from './evaluate';
export * from './raster';
export type { Runtime, RuntimeInfo, RuntimeProgress } from './runtime';
export type { SignatureInput, PreparedSignature, VerifyOutcome, DemoOutcome } from './service';
