export * from './fixtures';
export * from './renderWithApi';
