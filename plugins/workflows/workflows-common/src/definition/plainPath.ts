/*
 * Plain paths (`steps.a.output.text`): expressions that only read names, so
 * that a mapping made of them is resolved without JSONata's evaluator. Not
 * exported from the package.
 */

type Ast = Record<string, any>;

/** Keys a plain path and its name steps may have (nothing that filters, binds, sorts or keeps arrays). */
const PLAIN_PATH_KEYS = new Set(['type', 'steps']);
const PLAIN_NAME_KEYS = new Set(['type', 'value', 'position']);
const onlyKeys = (node: Ast, allowed: Set<string>) =>
  Object.keys(node).every(key => allowed.has(key));

/**
 * The names of `a.b.c` from JSONata's parse, a path of plain names and
 * nothing else; undefined for any other expression.
 */
export function plainPathOf(ast: Ast): string[] | undefined {
  if (ast.type !== 'path' || !onlyKeys(ast, PLAIN_PATH_KEYS)) return undefined;
  const names: string[] = [];
  for (const step of ast.steps as Ast[]) {
    if (step.type !== 'name' || !onlyKeys(step, PLAIN_NAME_KEYS)) {
      return undefined;
    }
    names.push(String(step.value));
  }
  return names.length > 0 ? names : undefined;
}

/** Identifiers joined by dots, nothing else but spaces around the whole. */
const SIMPLE_PATH =
  /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*$/;
/** Words JSONata reads as operators or literals, never as names. */
const KEYWORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null']);

/**
 * The names of a source written as plain identifiers joined by dots, read
 * without parsing; undefined for any other source (which may still be a
 * plain path, such as one with a quoted name: parse it). Where it answers,
 * the answer is `plainPathOf` of JSONata's parse.
 */
export function simplePathOf(source: string): string[] | undefined {
  const match = SIMPLE_PATH.exec(source);
  if (!match) return undefined;
  const names = match[1].split('.');
  return names.some(name => KEYWORDS.has(name)) ? undefined : names;
}
