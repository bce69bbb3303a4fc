export * from './fixtures';
export * from './renderPage';
export * from './signals';
