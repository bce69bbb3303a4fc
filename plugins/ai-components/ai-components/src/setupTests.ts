import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Whole pages render slowly in jsdom when many suites run in parallel.
configure({ asyncUtilTimeout: 5000 });
