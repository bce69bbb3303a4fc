import {
  findExpressions,
  parseExpression,
} from '@ai-ops/plugin-workflows-common';
import { isRecord } from './objects';

/** A JSONata problem in a field, at an offset of the field's text. */
export interface FieldExpressionError {
  message: string;
  /** Offset in the string where the problem is. */
  position: number;
  /** For values inside JSON, the key path of the string, e.g. `a[0].b`. */
  path?: string;
}

function checkString(value: string, path?: string): FieldExpressionError[] {
  const found = findExpressions(value);
  if (!Array.isArray(found)) {
    return [{ message: found.message, position: found.position, path }];
  }
  const errors: FieldExpressionError[] = [];
  for (const expression of found) {
    const result = parseExpression(expression.source);
    if ('error' in result) {
      errors.push({
        message: result.error.message,
        position: expression.offset + result.error.position,
        path,
      });
    }
  }
  return errors;
}

/**
 * Checks every `${{ }}` in a value (a string, or strings anywhere inside
 * JSON) for JSONata syntax, as the field is typed.
 */
export function checkExpressions(
  value: unknown,
  path?: string,
): FieldExpressionError[] {
  if (typeof value === 'string') return checkString(value, path);
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => checkExpressions(v, `${path ?? ''}[${i}]`));
  }
  if (isRecord(value)) {
    return Object.entries(value).flatMap(([k, v]) =>
      checkExpressions(v, path ? `${path}.${k}` : k),
    );
  }
  return [];
}

/** One line for a field's helper text: where the error is and what. */
export function describeExpressionError(error: FieldExpressionError): string {
  const where = error.path
    ? `${error.path}, position ${error.position}`
    : `position ${error.position}`;
  return `JSONata error at ${where}: ${error.message}`;
}
