import { useRef } from 'react';

let counter = 0;

/** A stable id for a field, so its label names it. */
export function useFieldId(prefix = 'wf-field'): string {
  const id = useRef<string>();
  if (!id.current) {
    counter += 1;
    id.current = `${prefix}-${counter}`;
  }
  return id.current;
}
