import type Jsonata from 'jsonata';
import { plainPathOf, simplePathOf } from './plainPath';

let jsonataModule: typeof Jsonata | undefined;

/**
 * JSONata, loaded on first use. Inside a workflow sandbox every module is set
 * up again for each run, and JSONata's set-up (its function library) is most
 * of what the interpreter's expressions cost; a run whose mappings are all
 * plain paths never needs it.
 */
function jsonata(source: string): ReturnType<typeof Jsonata> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  jsonataModule ??= require('jsonata') as typeof Jsonata;
  return jsonataModule(source);
}

/** Names an expression may start a path with. @public */
export const EXPRESSION_ROOTS = ['input', 'steps', 'item', 'index'] as const;

/** One `${{ ... }}` inside a string. @public */
export interface EmbeddedExpression {
  /** The JSONata source between the braces. */
  source: string;
  /** Offset of `source` in the containing string. */
  offset: number;
  /** Offset just past the closing `}}`. */
  end: number;
}

/** @public */
export interface ExpressionError {
  message: string;
  /** Offset in the containing string where the problem is. */
  position: number;
}

/** What an expression reads. @public */
export interface ExpressionReference {
  root: string;
  /** For `steps.<id>...`, the step id. */
  stepId?: string;
  /** Names after the root (and after `steps.<id>`), as far as they are plain names. */
  path: string[];
  /** Offset in the containing string. */
  position: number;
}

/**
 * Finds each `${{ }}` in a string. Braces and quoted strings inside the
 * expression are balanced, so object constructors may appear in it.
 *
 * @public
 */
export function findExpressions(
  value: string,
): EmbeddedExpression[] | ExpressionError {
  const found: EmbeddedExpression[] = [];
  let from = 0;
  for (;;) {
    const open = value.indexOf('${{', from);
    if (open < 0) return found;
    let depth = 0;
    let quote: string | undefined;
    let close = -1;
    for (let i = open + 3; i < value.length; i++) {
      const ch = value[i];
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = undefined;
      } else if (ch === '"' || ch === "'") {
        quote = ch;
      } else if (ch === '{') {
        depth++;
      } else if (ch === '}') {
        if (depth === 0 && value[i + 1] === '}') {
          close = i;
          break;
        }
        depth--;
      }
    }
    if (close < 0) {
      return { message: "'${{' is never closed by '}}'", position: open };
    }
    found.push({
      source: value.slice(open + 3, close),
      offset: open + 3,
      end: close + 2,
    });
    from = close + 2;
  }
}

/** True when the whole string is one expression, so its value keeps its JSON type. @public */
export function isWholeExpression(value: string): boolean {
  const found = findExpressions(value);
  return (
    Array.isArray(found) &&
    found.length === 1 &&
    value.slice(0, found[0].offset - 3).trim() === '' &&
    value.slice(found[0].end).trim() === ''
  );
}

type Ast = Record<string, any>;

/** Parses JSONata; an error carries the offset of the offending token in `source`. @public */
export function parseExpression(
  source: string,
): { ast: Ast } | { error: ExpressionError } {
  if (source.trim() === '') {
    return { error: { message: 'the expression is empty', position: 0 } };
  }
  try {
    return { ast: jsonata(source).ast() as Ast };
  } catch (e: any) {
    const position =
      typeof e?.position === 'number' ? Math.max(0, e.position - 1) : 0;
    return {
      error: {
        message: `${e?.code ? `${e.code}: ` : ''}${e?.message ?? String(e)}`,
        position,
      },
    };
  }
}

const startPosition = (node: Ast, name: string) =>
  typeof node.position === 'number'
    ? Math.max(0, node.position - name.length)
    : 0;

/**
 * The roots a parsed expression reads at its top level. Names inside
 * predicates, filters and lambdas are relative to their own context and are
 * not roots.
 *
 * @public
 */
export function referencesOf(ast: Ast): ExpressionReference[] {
  const refs: ExpressionReference[] = [];
  const visit = (node: any): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    switch (node.type) {
      case 'path': {
        const [first, ...rest] = node.steps as Ast[];
        if (first?.type === 'name') {
          const names: string[] = [];
          for (const s of rest) {
            if (s.type !== 'name') break;
            names.push(String(s.value));
            if (s.stages || s.predicate) break;
          }
          const root = String(first.value);
          if (root === 'steps' && names.length > 0) {
            refs.push({
              root,
              stepId: names[0],
              path: names.slice(1),
              position: startPosition(first, root),
            });
          } else {
            refs.push({
              root,
              path: names,
              position: startPosition(first, root),
            });
          }
        } else {
          // A path that starts with a constructor or call: its first step is
          // absolute, later steps and predicates are relative to it.
          visit(first);
        }
        return;
      }
      case 'name':
        refs.push({
          root: String(node.value),
          path: [],
          position: startPosition(node, String(node.value)),
        });
        return;
      case 'lambda':
        return;
      case 'binary':
      case 'apply':
        visit(node.lhs);
        visit(node.rhs);
        return;
      case 'bind':
        visit(node.rhs);
        return;
      case 'condition':
        visit(node.condition);
        visit(node.then);
        visit(node.else);
        return;
      case 'function':
      case 'partial':
        visit(node.arguments);
        return;
      case 'unary':
        if (node.value === '{') {
          (node.lhs ?? []).forEach((pair: Ast[]) => pair.forEach(visit));
        } else if (node.value === '[') {
          visit(node.expressions);
        } else {
          visit(node.expression);
        }
        return;
      case 'block':
        visit(node.expressions);
        return;
      default:
        return;
    }
  };
  visit(ast);
  return refs;
}

/** Evaluation context of a step's expressions. @public */
export interface ExpressionScope {
  input: unknown;
  steps: Record<string, { output: unknown }>;
  item?: unknown;
  index?: number;
}

/** An expression parsed once, with its names when it is a plain path. */
interface Compiled {
  expression: ReturnType<typeof jsonata>;
  names?: string[];
}

/** Parsed expressions by source: per process, and per run inside a workflow sandbox. */
const compiled = new Map<string, Compiled>();
const MAX_COMPILED = 1000;

/** The names of a plain path (see `plainPathOf`), parsing only when needed. */
function plainNamesOf(source: string): string[] | undefined {
  return simplePathOf(source) ?? compile(source).names;
}

function compile(source: string): Compiled {
  let found = compiled.get(source);
  if (!found) {
    const expression = jsonata(source);
    found = { expression, names: plainPathOf(expression.ast() as Ast) };
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(source, found);
  }
  return found;
}

/** Where reading directly could differ from JSONata, which then evaluates. */
const NOT_PLAIN = Symbol('not plain');

/**
 * Follows a plain path through own properties of objects, with JSONata's
 * result: a missing name is undefined. NOT_PLAIN where JSONata's own rules
 * apply (an array on the way or at the end, a primitive or null before the
 * end, an inherited key).
 */
function follow(scope: unknown, names: string[]): unknown {
  let value = scope;
  for (const name of names) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return NOT_PLAIN;
    }
    if (!Object.prototype.hasOwnProperty.call(value, name)) {
      return name in value ? NOT_PLAIN : undefined;
    }
    value = (value as Record<string, unknown>)[name];
  }
  return Array.isArray(value) ? NOT_PLAIN : value;
}

/** JSONata marks sequences with extra properties; copy to plain JSON. */
const plainJson = (result: unknown) =>
  result === undefined ? null : JSON.parse(JSON.stringify(result));

/** The value of an expression read directly, or NOT_PLAIN. */
function evaluatePlain(source: string, scope: ExpressionScope): unknown {
  const names = plainNamesOf(source);
  if (!names) return NOT_PLAIN;
  const value = follow(scope, names);
  return value === NOT_PLAIN ? NOT_PLAIN : plainJson(value);
}

/** Evaluates one JSONata expression against a scope; undefined becomes null. */
async function evaluateExpression(
  source: string,
  scope: ExpressionScope,
): Promise<unknown> {
  return plainJson(await compile(source).expression.evaluate(scope));
}

/** How a value is written into a text template. */
const textOf = (value: unknown): string => {
  if (value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
};

/**
 * A mapping resolved without JSONata's evaluator when every expression in it
 * is a plain path (`${{ steps.a.output.text }}`, most mappings), else
 * NOT_PLAIN. Inside a workflow every promise is traced by Temporal's
 * sandbox, and JSONata's evaluator makes several per name.
 */
function resolvePlain(value: unknown, scope: ExpressionScope): unknown {
  if (typeof value === 'string') {
    const found = findExpressions(value);
    if (!Array.isArray(found)) throw new Error(found.message);
    if (found.length === 0) return value;
    if (isWholeExpression(value)) return evaluatePlain(found[0].source, scope);
    let out = '';
    let last = 0;
    for (const e of found) {
      out += value.slice(last, e.offset - 3);
      const v = evaluatePlain(e.source, scope);
      if (v === NOT_PLAIN) return NOT_PLAIN;
      out += textOf(v);
      last = e.end;
    }
    return out + value.slice(last);
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) {
      const resolved = resolvePlain(v, scope);
      if (resolved === NOT_PLAIN) return NOT_PLAIN;
      out.push(resolved);
    }
    return out;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const resolved = resolvePlain(v, scope);
      if (resolved === NOT_PLAIN) return NOT_PLAIN;
      out[k] = resolved;
    }
    return out;
  }
  return value;
}

/** Resolves a mapping, evaluating each expression (JSONata where needed). */
async function resolveEach(
  value: unknown,
  scope: ExpressionScope,
): Promise<unknown> {
  if (typeof value === 'string') {
    const found = findExpressions(value);
    if (!Array.isArray(found)) throw new Error(found.message);
    if (found.length === 0) return value;
    if (isWholeExpression(value)) {
      return evaluateExpression(found[0].source, scope);
    }
    let out = '';
    let last = 0;
    for (const e of found) {
      out += value.slice(last, e.offset - 3);
      const v = await evaluateExpression(e.source, scope);
      out += textOf(v);
      last = e.end;
    }
    return out + value.slice(last);
  }
  if (Array.isArray(value)) {
    return Promise.all(value.map(v => resolveEach(v, scope)));
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = await resolveEach(v, scope);
    }
    return out;
  }
  return value;
}

/**
 * Resolves a mapping value against a scope: a whole-string expression keeps
 * the JSON type of its result, a string with embedded expressions becomes a
 * string, objects and arrays are resolved member by member.
 *
 * Plain paths are read directly unless `readPlainPaths` is false. The answer
 * is the same either way, but the direct read settles in fewer microtasks:
 * workflow code that ran with `readPlainPaths: false` keeps it on replay
 * (behind a patch), because the order of concurrent commands follows it.
 *
 * @public
 */
export async function resolveMapping(
  value: unknown,
  scope: ExpressionScope,
  options?: { readPlainPaths?: boolean },
): Promise<unknown> {
  if (options?.readPlainPaths ?? true) {
    const plain = resolvePlain(value, scope);
    if (plain !== NOT_PLAIN) return plain;
  }
  return resolveEach(value, scope);
}
