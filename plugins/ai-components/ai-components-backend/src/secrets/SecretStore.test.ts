import { ConfigReader } from '@backstage/config';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { randomBytes } from 'node:crypto';
import { DatabaseComponentStore } from '../database/DatabaseComponentStore';
import { SecretCipher } from './SecretCipher';
import { DatabaseSecretStore, mayUseSecret } from './SecretStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const key = () => randomBytes(32).toString('base64');
const cipherWith = (keys: Array<{ id: string; secret: string }>) =>
  SecretCipher.fromConfig(
    new ConfigReader({ aiComponents: { secrets: { keys } } }),
  );

describe.each(databases.eachSupportedId())(
  'DatabaseSecretStore on %p',
  databaseId => {
    it('stores values encrypted, reveals them, and re-encrypts with a rotated key', async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      await DatabaseComponentStore.create({ database });
      const oldKey = { id: 'k1', secret: key() };
      const value = 'sk-live-0123456789abcdef';

      const before = await DatabaseSecretStore.create({
        database,
        cipher: cipherWith([oldKey]),
      });
      const stored = await before.put(
        'openai-api-key',
        value,
        'user:default/ada',
      );
      expect(stored).toEqual({
        name: 'openai-api-key',
        updatedAt: expect.any(String),
        updatedBy: 'user:default/ada',
      });
      const raw = await knex('ai_component_secrets').first();
      expect(JSON.stringify(raw)).not.toContain(value);
      expect(raw.key_id).toBe('k1');
      expect(await before.list()).toEqual([stored]);

      const newKey = { id: 'k2', secret: key() };
      const after = await DatabaseSecretStore.create({
        database,
        cipher: cipherWith([newKey, oldKey]),
      });
      expect(await after.reveal('openai-api-key')).toEqual({ value });
      expect((await knex('ai_component_secrets').first()).key_id).toBe('k2');

      const onlyNew = await DatabaseSecretStore.create({
        database,
        cipher: cipherWith([newKey]),
      });
      expect(await onlyNew.reveal('openai-api-key')).toEqual({ value });
      expect(await onlyNew.reveal('missing')).toBeUndefined();
      expect(await onlyNew.delete('openai-api-key')).toBe(true);
      expect(await onlyNew.delete('openai-api-key')).toBe(false);
    });

    it('keeps each secret’s owner (none: shared) through replacing and reading', async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      await DatabaseComponentStore.create({ database });
      const store = await DatabaseSecretStore.create({
        database,
        cipher: cipherWith([{ id: 'k1', secret: key() }]),
      });
      await store.put('shared', 'v-shared', 'user:default/ada');
      await store.put(
        'team-a',
        'v-a',
        'user:default/alice',
        'group:default/team-a',
      );
      expect(await store.list()).toEqual([
        expect.objectContaining({ name: 'shared', owner: undefined }),
        expect.objectContaining({
          name: 'team-a',
          owner: 'group:default/team-a',
        }),
      ]);
      expect(await store.owners(['team-a', 'missing', 'shared'])).toEqual([
        { owner: 'group:default/team-a' },
        undefined,
        { owner: undefined },
      ]);
      expect(await store.reveal('team-a')).toEqual({
        value: 'v-a',
        owner: 'group:default/team-a',
      });
      await store.put(
        'team-a',
        'v-a2',
        'user:default/ada',
        'group:default/team-b',
      );
      expect(await store.reveal('team-a')).toEqual({
        value: 'v-a2',
        owner: 'group:default/team-b',
      });
    });

    it('refuses a tampered ciphertext and an unknown key id', async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      await DatabaseComponentStore.create({ database });
      const k1 = { id: 'k1', secret: key() };
      const store = await DatabaseSecretStore.create({
        database,
        cipher: cipherWith([k1]),
      });
      await store.put('token', 'value-1');
      const row = await knex('ai_component_secrets').first();
      const flipped = Buffer.from(row.ciphertext, 'base64');
      flipped[0] ^= 1;
      await knex('ai_component_secrets').update({
        ciphertext: flipped.toString('base64'),
      });
      await expect(store.reveal('token')).rejects.toThrow();

      const other = await DatabaseSecretStore.create({
        database,
        cipher: cipherWith([{ id: 'k9', secret: key() }]),
      });
      await expect(other.reveal('token')).rejects.toThrow(/key 'k1'/);
    });
  },
);

describe('SecretCipher', () => {
  it('needs 32-byte keys', () => {
    expect(() =>
      cipherWith([
        { id: 'short', secret: Buffer.from('x').toString('base64') },
      ]),
    ).toThrow(/32 bytes/);
  });
});

describe('mayUseSecret', () => {
  it('lets any component use a shared secret, and an owned one only its owner’s', () => {
    expect(mayUseSecret({}, {})).toBe(true);
    expect(mayUseSecret({}, { owner: 'group:default/team-b' })).toBe(true);
    const owned = { owner: 'group:default/team-a' };
    expect(mayUseSecret(owned, { owner: 'group:default/team-a' })).toBe(true);
    expect(mayUseSecret(owned, { owner: 'Group:default/Team-A' })).toBe(true);
    expect(mayUseSecret(owned, { owner: 'group:default/team-b' })).toBe(false);
    expect(mayUseSecret(owned, {})).toBe(false);
  });
});
