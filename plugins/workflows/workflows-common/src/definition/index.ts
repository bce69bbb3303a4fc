export * from './model';
export * from './expressions';
export * from './graph';
export * from './validate';
export * from './yaml';
export * from './diff';
export * from './exampleInput';
