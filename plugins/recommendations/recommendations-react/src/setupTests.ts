import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Rendering in jsdom is slow when many suites run in parallel.
configure({ asyncUtilTimeout: 5000 });
// Every test here renders whole pages of the app over msw; with the whole
// suite running on two cores a test can take longer than jest's 5 s.
jest.setTimeout(30_000);
