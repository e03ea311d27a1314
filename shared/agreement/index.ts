export * from './types';
export * from './requirements';
export * from './completeness';
export * from './status';
export * from './diff';
export * from './hints';
export * from './document';
