/** Longest id a generated step id may have before a `_2` style suffix. */
const MAX_BASE_LENGTH = 58;

/**
 * A step id derived from a component or workflow name or ref:
 * `aicomponent:default/gpt-4o-mini-chat` becomes `gpt_4o_mini_chat`.
 *
 * Hyphens become underscores so the id reads as one JSONata name in
 * expressions (`steps.gpt_4o_mini_chat.output`); `steps.gpt-4o` would be a
 * subtraction.
 */
export function stepIdBase(nameOrRef: string): string {
  const name = nameOrRef.replace(/@[^@/]*$/, '').replace(/^.*[:/]/, '');
  let base = name
    .replace(/[^a-zA-Z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  if (!base) return 'step';
  if (!/^[a-zA-Z]/.test(base)) base = `step_${base}`;
  return base.slice(0, MAX_BASE_LENGTH).replace(/_$/, '');
}

/**
 * The first of `base`, `base_2`, `base_3`, ... that no step uses yet.
 */
export function uniqueStepId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const clean = stepIdBase(base);
  if (!used.has(clean)) return clean;
  for (let n = 2; ; n++) {
    const candidate = `${clean}_${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
