export * from './advice';
export * from './kinds';
export * from './store';
