export * from './errors.js';
export * from './time.js';
export * from './origin.js';
export * from './ids.js';
export * from './types.js';
