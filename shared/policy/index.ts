export * from './reasons';
export * from './transforms';
export * from './types';
export * from './compile';
export * from './evaluate';
export * from './summary';
export * from './records-csv';
export * from './synthetic';
