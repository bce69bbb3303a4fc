import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Rendering in jsdom is slow when many suites run in parallel.
configure({ asyncUtilTimeout: 5000 });
