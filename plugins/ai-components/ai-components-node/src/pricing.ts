import { Config } from '@backstage/config';
import { ModelCall, TokenUsage } from './runtime';

/**
 * Prices in USD: per 1000 input tokens, per 1000 output tokens and per call.
 * A missing price counts as 0.
 *
 * @public
 */
export interface Pricing {
  inputPer1kTokens?: number;
  outputPer1kTokens?: number;
  perCall?: number;
}

/**
 * Prices per model name, read from `aiComponents.pricing.models`.
 *
 * @public
 */
export type PriceTable = { readonly [model: string]: Pricing };

const PRICE_FIELDS = [
  'inputPer1kTokens',
  'outputPer1kTokens',
  'perCall',
] as const;
const CONFIG_KEY = 'aiComponents.pricing.models';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the price table from `aiComponents.pricing.models`, an object keyed
 * by model name (names may contain dots, e.g. `gpt-4.1`):
 *
 * ```yaml
 * aiComponents:
 *   pricing:
 *     models:
 *       gpt-4o-mini: { inputPer1kTokens: 0.00015, outputPer1kTokens: 0.0006 }
 * ```
 *
 * Returns an empty table when the key is missing. Throws, naming the key
 * path, when an entry is not an object or a price is not a number >= 0.
 *
 * @public
 */
export function readPriceTable(config: Config): PriceTable {
  // Read the raw object: model names are not valid config key segments.
  const models = config.getOptional(CONFIG_KEY);
  if (models === undefined) {
    return {};
  }
  if (!isPlainObject(models)) {
    throw new Error(`Invalid config at ${CONFIG_KEY}: must be an object`);
  }
  const table: Record<string, Pricing> = {};
  for (const [model, entry] of Object.entries(models)) {
    const path = `${CONFIG_KEY}.${model}`;
    if (!isPlainObject(entry)) {
      throw new Error(`Invalid config at ${path}: must be an object`);
    }
    const pricing: Pricing = {};
    for (const [field, value] of Object.entries(entry)) {
      if (!(PRICE_FIELDS as readonly string[]).includes(field)) {
        throw new Error(
          `Invalid config at ${path}.${field}: unknown price, expected one of ${PRICE_FIELDS.join(
            ', ',
          )}`,
        );
      }
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new Error(
          `Invalid config at ${path}.${field}: must be a number >= 0`,
        );
      }
      pricing[field as keyof Pricing] = value;
    }
    table[model] = pricing;
  }
  return table;
}

// Dated snapshots such as gpt-4o-mini-2024-07-18 or claude-3-5-haiku-20241022.
const SNAPSHOT_SUFFIX = /-(?:\d{4}-\d{2}-\d{2}|\d{8})$/;

/**
 * Finds the price of a model: its exact name first, then the name without a
 * dated snapshot suffix, since providers report the snapshot they served.
 */
function lookUpModel(
  priceTable: PriceTable,
  model: string | undefined,
): Pricing | undefined {
  if (!model) {
    return undefined;
  }
  if (Object.hasOwn(priceTable, model)) {
    return priceTable[model];
  }
  const base = model.replace(SNAPSHOT_SUFFIX, '');
  if (base !== model && Object.hasOwn(priceTable, base)) {
    return priceTable[base];
  }
  return undefined;
}

/**
 * The tokens of several model calls together.
 *
 * @public
 */
export function sumUsage(calls: ModelCall[]): TokenUsage {
  return calls.reduce(
    (sum, call) => ({
      inputTokens: sum.inputTokens + call.usage.inputTokens,
      outputTokens: sum.outputTokens + call.usage.outputTokens,
    }),
    { inputTokens: 0, outputTokens: 0 },
  );
}

/** The price of `usage` at `pricing`, unrounded. */
function priceOf(pricing: Pricing, usage: TokenUsage | undefined): number {
  return (
    (pricing.perCall ?? 0) +
    ((usage?.inputTokens ?? 0) / 1000) * (pricing.inputPer1kTokens ?? 0) +
    ((usage?.outputTokens ?? 0) / 1000) * (pricing.outputPer1kTokens ?? 0)
  );
}

const rounded = (cost: number) => Math.round(cost * 1e8) / 1e8;

/**
 * Computes the cost of one call in USD, rounded to 1e-8.
 *
 * The component's own `pricing`, when it has one, wins over the price table
 * and prices the whole `usage`; otherwise the table entry of the model the
 * provider reported applies. When the result was made of several model
 * calls (`calls`: an agent's turns and its tools' model calls), each is
 * priced at its own model and the costs add up. A call that used tokens
 * with no price found costs 0 and is `priced: false` (so is a result with
 * any such call). A call without token usage and without any price (a
 * JSONata transform) costs 0 and is priced.
 *
 * @public
 */
export function computeCostUsd(options: {
  usage?: TokenUsage;
  model?: string;
  calls?: ModelCall[];
  componentPricing?: Pricing;
  priceTable: PriceTable;
}): { costUsd: number; priced: boolean } {
  const { usage, model, calls, componentPricing, priceTable } = options;
  if (!componentPricing && calls && calls.length > 0) {
    let cost = 0;
    let priced = true;
    for (const call of calls) {
      const pricing = lookUpModel(priceTable, call.model);
      if (pricing) cost += priceOf(pricing, call.usage);
      else priced = false;
    }
    return { costUsd: rounded(cost), priced };
  }
  const pricing = componentPricing ?? lookUpModel(priceTable, model);
  if (!pricing) {
    return { costUsd: 0, priced: usage === undefined };
  }
  return { costUsd: rounded(priceOf(pricing, usage)), priced: true };
}
