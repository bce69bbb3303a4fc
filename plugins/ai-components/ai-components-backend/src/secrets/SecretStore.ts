import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { SealedSecret, SecretCipher } from './SecretCipher';
import { toIsoString } from '../database/serialization';

/** What the API may show of a secret: never its value. @internal */
export type SecretInfo = {
  name: string;
  updatedAt: string;
  updatedBy?: string;
  /** The user or group ref whose components may use it; none: shared. */
  owner?: string;
};

/** A decrypted secret with its owner, for runtimes only. @internal */
export type RevealedSecret = { value: string; owner?: string };

/**
 * Whether a component may use a secret: a shared secret (no owner) any
 * component, an owned one only the components of the same owner.
 *
 * @internal
 */
export function mayUseSecret(
  secret: { owner?: string },
  component: { owner?: string },
): boolean {
  return (
    secret.owner === undefined ||
    secret.owner === component.owner?.toLocaleLowerCase('en-US')
  );
}

/** @internal */
export interface SecretStore {
  list(): Promise<SecretInfo[]>;
  /** Stores or replaces a secret; `owner` null or undefined: shared. */
  put(
    name: string,
    value: string,
    actor?: string,
    owner?: string | null,
  ): Promise<SecretInfo>;
  delete(name: string): Promise<boolean>;
  /** The owners of the named secrets, in their order; undefined where none exists. */
  owners(names: string[]): Promise<Array<{ owner?: string } | undefined>>;
  /** The decrypted value and the owner, for runtimes only. */
  reveal(name: string): Promise<RevealedSecret | undefined>;
}

interface SecretRow {
  name: string;
  key_id: string;
  iv: string;
  ciphertext: string;
  auth_tag: string;
  updated_at: Date | string | number;
  updated_by: string | null;
  owner: string | null;
}

const info = (row: SecretRow): SecretInfo => ({
  name: row.name,
  updatedAt: toIsoString(row.updated_at),
  updatedBy: row.updated_by ?? undefined,
  owner: row.owner ?? undefined,
});

/**
 * Secrets encrypted at rest with {@link SecretCipher}; values that were
 * sealed with an older key are re-sealed with the current key when read.
 *
 * @internal
 */
export class DatabaseSecretStore implements SecretStore {
  static async create(options: {
    database: DatabaseService;
    cipher: SecretCipher;
  }): Promise<DatabaseSecretStore> {
    return new DatabaseSecretStore(
      await options.database.getClient(),
      options.cipher,
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly cipher: SecretCipher,
  ) {}

  async list(): Promise<SecretInfo[]> {
    const rows = await this.db<SecretRow>('ai_component_secrets')
      .select('name', 'updated_at', 'updated_by', 'owner')
      .orderBy('name');
    return rows.map(row => info(row as SecretRow));
  }

  async put(
    name: string,
    value: string,
    actor?: string,
    owner?: string | null,
  ): Promise<SecretInfo> {
    const sealed = this.cipher.seal(value);
    const row: SecretRow = {
      name,
      key_id: sealed.keyId,
      iv: sealed.iv,
      ciphertext: sealed.ciphertext,
      auth_tag: sealed.authTag,
      updated_at: new Date(),
      updated_by: actor ?? null,
      owner: owner ?? null,
    };
    await this.db('ai_component_secrets')
      .insert(row)
      .onConflict('name')
      .merge();
    return info(row);
  }

  async delete(name: string): Promise<boolean> {
    return (await this.db('ai_component_secrets').where({ name }).delete()) > 0;
  }

  async owners(
    names: string[],
  ): Promise<Array<{ owner?: string } | undefined>> {
    const rows = await this.db<SecretRow>('ai_component_secrets')
      .whereIn('name', names)
      .select('name', 'owner');
    const byName = new Map(rows.map(row => [row.name, row.owner]));
    return names.map(name =>
      byName.has(name) ? { owner: byName.get(name) ?? undefined } : undefined,
    );
  }

  async reveal(name: string): Promise<RevealedSecret | undefined> {
    const row = await this.db<SecretRow>('ai_component_secrets')
      .where({ name })
      .first();
    if (!row) return undefined;
    const sealed: SealedSecret = {
      keyId: row.key_id,
      iv: row.iv,
      ciphertext: row.ciphertext,
      authTag: row.auth_tag,
    };
    const value = this.cipher.open(sealed);
    if (this.cipher.needsRotation(sealed)) {
      const resealed = this.cipher.seal(value);
      await this.db('ai_component_secrets').where({ name }).update({
        key_id: resealed.keyId,
        iv: resealed.iv,
        ciphertext: resealed.ciphertext,
        auth_tag: resealed.authTag,
      });
    }
    return { value, owner: row.owner ?? undefined };
  }
}
