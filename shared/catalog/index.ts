export * from './types';
export * from './exhibit-b';
export * from './fields';
