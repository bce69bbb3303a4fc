import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Whole pages render slowly in jsdom when many suites run in parallel.
configure({ asyncUtilTimeout: 5000 });
// Every test here renders whole pages of the app over msw; with the whole
// suite running on two cores a test can take longer than jest's 5 s.
jest.setTimeout(30_000);

// React Flow measures nodes with ResizeObserver and reads the zoom from
// DOMMatrixReadOnly; jsdom has neither. These report every element as
// measured at its inline size (or 1px), which is enough to render the graph.
class TestResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback(
      [{ target } as ResizeObserverEntry],
      this as unknown as ResizeObserver,
    );
  }
  unobserve() {}
  disconnect() {}
}

class TestDOMMatrixReadOnly {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([0-9.]+)\)/)?.[1];
    this.m22 = scale === undefined ? 1 : Number(scale);
  }
}

Object.assign(globalThis, {
  ResizeObserver: TestResizeObserver,
  DOMMatrixReadOnly: TestDOMMatrixReadOnly,
});

Object.defineProperties(HTMLElement.prototype, {
  offsetHeight: {
    configurable: true,
    get(this: HTMLElement) {
      return parseFloat(this.style.height) || 1;
    },
  },
  offsetWidth: {
    configurable: true,
    get(this: HTMLElement) {
      return parseFloat(this.style.width) || 1;
    },
  },
});

(SVGElement.prototype as any).getBBox = () => ({
  x: 0,
  y: 0,
  width: 0,
  height: 0,
});
