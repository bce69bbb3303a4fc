import {
  createHash,
  createHmac,
  randomBytes,
  randomUUID,
  timingSafeEqual,
} from 'node:crypto';
import {
  DEFAULT_RUN_LABEL,
  LABEL_PATTERN,
} from '@ai-ops/plugin-workflows-common';
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { toTrigger, TriggerRow, UUID_PATTERN } from './rows';
import {
  TriggerCredential,
  WorkflowTrigger,
  WorkflowTriggerInput,
  WorkflowTriggerRecord,
} from './types';

/** A new webhook secret: 32 random bytes, base64url. */
export const newTriggerSecret = () => randomBytes(32).toString('base64url');

/** What the store keeps of a secret: its sha256, hex. */
export const hashTriggerSecret = (secret: string) =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

/**
 * Whether a credential proves knowledge of the secret whose hash is stored:
 * the secret itself, or the hex HMAC-SHA256 of the payload keyed with the
 * stored hash. Both compare in constant time.
 */
export function credentialMatches(
  storedHash: string | null,
  credential: TriggerCredential,
): boolean {
  // Without a stored hash, compare against a throwaway one so that an
  // unknown trigger costs the same as a wrong secret.
  const hash = storedHash ?? hashTriggerSecret(randomUUID());
  const hashBytes = Buffer.from(hash, 'hex');
  let expected: Buffer;
  let given: Buffer;
  if ('secret' in credential) {
    expected = hashBytes;
    given = createHash('sha256').update(credential.secret, 'utf8').digest();
  } else {
    expected = createHmac('sha256', hash).update(credential.payload).digest();
    given = /^[0-9a-f]{64}$/i.test(credential.signature)
      ? Buffer.from(credential.signature, 'hex')
      : Buffer.alloc(expected.length);
  }
  return (
    expected.length === given.length &&
    timingSafeEqual(expected, given) &&
    storedHash !== null
  );
}

export function assertLabelName(label: string, field = 'label'): void {
  if (typeof label !== 'string' || !LABEL_PATTERN.test(label)) {
    throw new InputError(
      `${field}: '${label}' is not a label name (lower-case letters, digits and -, starting with a letter or digit, at most 63 characters)`,
    );
  }
}

const CRON_DESCRIPTORS = new Set([
  '@yearly',
  '@annually',
  '@monthly',
  '@weekly',
  '@daily',
  '@midnight',
  '@hourly',
]);

const MONTHS = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');
const DAYS = 'sun mon tue wed thu fri sat'.split(' ');

interface CronField {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** `?` stands for "no specific value" in day fields. */
  question?: boolean;
}

const SECOND: CronField = { name: 'second', min: 0, max: 59 };
const FIVE_FIELDS: CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 7, names: DAYS, question: true },
];

function cronValue(raw: string, field: CronField): number | undefined {
  if (/^\d+$/.test(raw)) {
    const value = Number(raw);
    return value >= field.min && value <= field.max ? value : undefined;
  }
  const index = field.names?.indexOf(raw.toLocaleLowerCase('en-US')) ?? -1;
  if (index < 0) return undefined;
  return field.names === MONTHS ? index + 1 : index;
}

function validCronPart(part: string, field: CronField): boolean {
  const [range, step, ...rest] = part.split('/');
  if (rest.length) return false;
  if (step !== undefined && !/^[1-9]\d*$/.test(step)) return false;
  if (range === '*') return true;
  if (range === '?') return Boolean(field.question) && step === undefined;
  const bounds = range.split('-');
  if (bounds.length > 2) return false;
  const values = bounds.map(b => cronValue(b, field));
  if (values.some(v => v === undefined)) return false;
  return values.length === 1 || values[0]! <= values[1]!;
}

/**
 * Checks a cron expression: five fields (minute hour day-of-month month
 * day-of-week), six with a leading second, or a descriptor such as `@daily`.
 * Returns what is wrong, or undefined when it is valid.
 */
export function cronProblem(cron: string): string | undefined {
  const text = cron.trim();
  if (text.startsWith('@')) {
    return CRON_DESCRIPTORS.has(text.toLocaleLowerCase('en-US'))
      ? undefined
      : `unknown descriptor '${text}'`;
  }
  const parts = text.split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) {
    return `expected 5 or 6 space-separated fields, found ${parts.length}`;
  }
  const fields = parts.length === 6 ? [SECOND, ...FIVE_FIELDS] : FIVE_FIELDS;
  for (let i = 0; i < parts.length; i++) {
    const field = fields[i];
    if (!parts[i].split(',').every(p => validCronPart(p, field))) {
      return `invalid ${field.name} field '${parts[i]}' (allowed ${field.min}-${field.max})`;
    }
  }
  return undefined;
}

function validTimezone(timezone: string): boolean {
  try {
    return Boolean(
      new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions()
        .timeZone,
    );
  } catch {
    return false;
  }
}

/**
 * Validates a trigger and returns it in stored form: a schedule needs a cron
 * expression, a webhook has none; a trigger runs either a label (by default
 * `production`) or a fixed version.
 */
export function normalizeTrigger(
  input: WorkflowTriggerInput,
): WorkflowTriggerInput {
  if (input.type !== 'schedule' && input.type !== 'webhook') {
    throw new InputError(`type: must be 'schedule' or 'webhook'`);
  }
  let cron: string | undefined;
  if (input.type === 'schedule') {
    if (typeof input.cron !== 'string' || !input.cron.trim()) {
      throw new InputError('cron: a schedule trigger needs a cron expression');
    }
    const problem = cronProblem(input.cron);
    if (problem) {
      throw new InputError(
        `cron: '${input.cron}' is not a cron expression: ${problem}`,
      );
    }
    cron = input.cron.trim().replace(/\s+/g, ' ');
  } else if (input.cron !== undefined && input.cron !== null) {
    throw new InputError('cron: a webhook trigger has no cron expression');
  }
  if (input.timezone !== undefined && input.timezone !== null) {
    if (input.type !== 'schedule') {
      throw new InputError('timezone: only a schedule trigger has a timezone');
    }
    if (typeof input.timezone !== 'string' || !validTimezone(input.timezone)) {
      throw new InputError(
        `timezone: '${input.timezone}' is not a known IANA time zone`,
      );
    }
  }
  const hasVersion = input.version !== undefined && input.version !== null;
  const hasLabel = input.label !== undefined && input.label !== null;
  if (hasVersion && hasLabel) {
    throw new InputError(
      'version: a trigger runs either a label or a fixed version, not both',
    );
  }
  if (hasVersion && (!Number.isInteger(input.version) || input.version! < 1)) {
    throw new InputError('version: must be a positive integer');
  }
  if (hasLabel) assertLabelName(input.label!);
  if (
    input.input !== undefined &&
    input.input !== null &&
    (typeof input.input !== 'object' || Array.isArray(input.input))
  ) {
    throw new InputError('input: must be an object');
  }
  if (typeof input.enabled !== 'boolean') {
    throw new InputError('enabled: must be true or false');
  }
  return {
    type: input.type,
    cron,
    timezone: input.timezone ?? undefined,
    label: hasVersion ? undefined : input.label ?? DEFAULT_RUN_LABEL,
    version: hasVersion ? input.version : undefined,
    input: input.input ?? undefined,
    enabled: input.enabled,
  };
}

function triggerColumns(trigger: WorkflowTriggerInput) {
  return {
    type: trigger.type,
    cron: trigger.cron ?? null,
    timezone: trigger.timezone ?? null,
    label: trigger.label ?? null,
    version: trigger.version ?? null,
    input: trigger.input === undefined ? null : JSON.stringify(trigger.input),
    enabled: trigger.enabled,
  };
}

async function selectTrigger(
  db: Knex,
  workflowId: string,
  id: string,
): Promise<WorkflowTrigger | undefined> {
  if (!UUID_PATTERN.test(id)) return undefined;
  const row = await db<TriggerRow>('workflow_triggers')
    .where({ id, workflow_id: workflowId })
    .first();
  return row && toTrigger(row);
}

/** The triggers of a workflow, oldest first. */
export async function selectTriggers(
  db: Knex,
  workflowId: string,
): Promise<WorkflowTrigger[]> {
  const rows = await db<TriggerRow>('workflow_triggers')
    .where({ workflow_id: workflowId })
    .orderBy([{ column: 'created_at' }, { column: 'id' }]);
  return rows.map(toTrigger);
}

/**
 * Stores a trigger that passed `normalizeTrigger`; a webhook gets a new
 * secret, of which only the hash is stored and which is returned once.
 */
export async function insertTrigger(
  db: Knex,
  workflowId: string,
  trigger: WorkflowTriggerInput,
  actor?: string,
): Promise<WorkflowTrigger & { secret?: string }> {
  const id = randomUUID();
  const now = new Date();
  const secret = trigger.type === 'webhook' ? newTriggerSecret() : undefined;
  await db('workflow_triggers').insert({
    id,
    workflow_id: workflowId,
    ...triggerColumns(trigger),
    secret_hash: secret ? hashTriggerSecret(secret) : null,
    created_at: now,
    created_by: actor ?? null,
    updated_at: now,
  });
  const stored = (await selectTrigger(db, workflowId, id))!;
  return secret ? { ...stored, secret } : stored;
}

/**
 * Replaces a trigger of the workflow; undefined when it has no such trigger.
 * A trigger that becomes a webhook gets a secret (returned once); one that
 * becomes a schedule loses its secret.
 */
export async function updateTriggerRow(
  db: Knex,
  workflowId: string,
  id: string,
  trigger: WorkflowTriggerInput,
): Promise<(WorkflowTrigger & { secret?: string }) | undefined> {
  if (!UUID_PATTERN.test(id)) return undefined;
  return db.transaction(async tx => {
    const before = await tx<TriggerRow>('workflow_triggers')
      .where({ id, workflow_id: workflowId })
      .first();
    if (!before) return undefined;
    let secret: string | undefined;
    let secretHash = before.secret_hash;
    if (trigger.type !== 'webhook') {
      secretHash = null;
    } else if (before.type !== 'webhook' || !before.secret_hash) {
      secret = newTriggerSecret();
      secretHash = hashTriggerSecret(secret);
    }
    await tx('workflow_triggers')
      .where({ id, workflow_id: workflowId })
      .update({
        ...triggerColumns(trigger),
        secret_hash: secretHash,
        updated_at: new Date(),
      });
    const stored = (await selectTrigger(tx, workflowId, id))!;
    return secret ? { ...stored, secret } : stored;
  });
}

/**
 * Gives a webhook trigger a new secret, returned once; undefined when the
 * workflow has no such trigger, an InputError for a schedule.
 */
export async function rotateSecretRow(
  db: Knex,
  workflowId: string,
  id: string,
): Promise<{ trigger: WorkflowTrigger; secret: string } | undefined> {
  const existing = await selectTrigger(db, workflowId, id);
  if (!existing) return undefined;
  if (existing.type !== 'webhook') {
    throw new InputError(
      `triggerId: '${id}' is a ${existing.type} trigger; only webhooks have a secret`,
    );
  }
  const secret = newTriggerSecret();
  await db('workflow_triggers')
    .where({ id, workflow_id: workflowId })
    .update({ secret_hash: hashTriggerSecret(secret), updated_at: new Date() });
  return { trigger: (await selectTrigger(db, workflowId, id))!, secret };
}

/** Deletes a trigger of the workflow; false when it has no such trigger. */
export async function deleteTriggerRow(
  db: Knex,
  workflowId: string,
  id: string,
): Promise<boolean> {
  if (!UUID_PATTERN.test(id)) return false;
  const deleted = await db('workflow_triggers')
    .where({ id, workflow_id: workflowId })
    .delete();
  return deleted > 0;
}

/** Trigger rows joined with the key of their workflow. */
function triggerRecords(db: Knex) {
  return db<TriggerRow & { namespace: string; name: string }>(
    'workflow_triggers as t',
  )
    .join('workflows as w', 'w.id', 't.workflow_id')
    .select('t.*', 'w.namespace as namespace', 'w.name as name');
}

function toTriggerRecord(
  row: TriggerRow & { namespace: string; name: string },
): WorkflowTriggerRecord {
  return {
    ...toTrigger(row),
    workflow: { namespace: row.namespace, name: row.name },
    hasSecret: Boolean(row.secret_hash),
  };
}

/** Every trigger (of one type) with its workflow, oldest first. */
export async function selectAllTriggers(
  db: Knex,
  filter: { type?: WorkflowTrigger['type'] },
): Promise<WorkflowTriggerRecord[]> {
  const query = triggerRecords(db).orderBy([
    { column: 't.created_at' },
    { column: 't.id' },
  ]);
  if (filter.type) query.where('t.type', filter.type);
  return (await query).map(toTriggerRecord);
}

/** A trigger by id with its workflow, and the stored hash of its secret. */
export async function selectTriggerById(
  db: Knex,
  id: string,
): Promise<
  { record: WorkflowTriggerRecord; secretHash: string | null } | undefined
> {
  if (!UUID_PATTERN.test(id)) return undefined;
  const row = await triggerRecords(db).where('t.id', id).first();
  return row && { record: toTriggerRecord(row), secretHash: row.secret_hash };
}
