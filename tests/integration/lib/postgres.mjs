// Drops the per-plugin databases a test backend created under its prefix.
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from './backend.mjs';

const require = createRequire(
  path.join(repoRoot, 'packages/backend/package.json'),
);
const { Client } = require('pg');

export const postgres = {
  host: process.env.PGHOST_TEST ?? '127.0.0.1',
  port: Number(process.env.PGPORT_TEST ?? 5432),
  user: process.env.PGUSER ?? process.env.USER ?? 'root',
};

export async function dropDatabasesWithPrefix(prefix) {
  const client = new Client({ ...postgres, database: 'postgres' });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    return rows.map(r => r.datname);
  } finally {
    await client.end();
  }
}
