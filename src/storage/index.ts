export * from './schema';
export * from './errors';
export * from './validation';
export * from './store';
export * from './settings';
export * from './audit';
