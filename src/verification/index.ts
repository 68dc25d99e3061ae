export * from './decision';
export * from './metrics';
