#!/usr/bin/env node
// What a knex transaction leaves to V8's scavenges: a child Node with
// --trace-gc runs the same two statements (a read and an upsert of a 2 KB
// row) against PostgreSQL, 4 at a time, without a transaction, in a
// `knex.transaction`, and in a transaction that also gets a function literal
// assigned to one of its properties, as knex 3.3.0 assigned several to every
// transaction before `.yarn/patches/knex-npm-3.3.0-*.patch`. Prints a row per
// mode: operations per second, scavenges and their mean pause, bytes promoted
// to the old generation per operation. A diagnostic; it writes no results
// file. See bench/recommendations/README.md.
//
//   source scripts/toolchain.sh && node bench/recommendations/knex-gc.mjs
//
// Options (environment): KNEX_GC_SECONDS (8).
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { postgres } from '../../tests/integration/lib/postgres.mjs';
import { summarize } from './gc-trace.mjs';
import { envNumber } from '../lib/settings.mjs';

const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), '../..');
const require = createRequire(path.join(root, 'packages/backend/package.json'));
const SECONDS = envNumber('KNEX_GC_SECONDS', 8);
const IN_FLIGHT = 4;

/** The workload, run in the child (argv: child <mode> <table>). */
async function child(mode, table) {
  const knex = require('knex')({
    client: 'pg',
    connection: { ...postgres, database: 'postgres' },
    pool: { min: IN_FLIGHT, max: IN_FLIGHT + 1 },
  });
  const statements = async (db, i) => {
    const row = { id: i % 1000, body: `${'x'.repeat(2000)}${i}` };
    await db(table).where({ id: row.id }).first();
    await db(table).insert(row).onConflict('id').merge();
  };
  const operation = {
    query: i => statements(knex, i),
    transaction: i => knex.transaction(tx => statements(tx, i)),
    'transaction + an assigned closure': i =>
      knex.transaction(tx => {
        // As knex 3.3.0 did to every transactor and its client
        // (`transactor.isCompleted = () => trx.isCompleted()`, and its
        // commit, rollback, query, ...) before the patch declared them first.
        tx.completed = () => tx.isCompleted();
        return statements(tx, i);
      }),
  }[mode];
  let done = 0;
  const run = async ms => {
    const end = Date.now() + ms;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async (_, worker) => {
        for (let i = worker; Date.now() < end; i += IN_FLIGHT) {
          await operation(i);
          done += 1;
        }
      }),
    );
  };
  await run(2000);
  console.log('MEASURE');
  done = 0;
  const started = Date.now();
  await run(SECONDS * 1000);
  console.log(`QUERIES ${done} ${(Date.now() - started) / 1000}`);
  await knex.destroy();
}

/** One row: the child in `mode`, its GC summed over the measured part. */
async function row(mode, table) {
  let output = '';
  const worker = fork(self, ['child', mode, table], {
    execArgv: ['--trace-gc'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  worker.stdout.on('data', d => (output += d));
  const code = await new Promise(resolve => worker.on('exit', resolve));
  if (code !== 0) throw new Error(`${mode}: the child exited with ${code}`);
  const s = summarize(output);
  return `| ${mode} | ${(s.queries / s.seconds).toFixed(0)} | ${
    s.scavenges
  } | ${(s.pauseMs / Math.max(s.scavenges, 1)).toFixed(1)} | ${(
    (s.promotedMb * 1024) /
    Math.max(s.queries, 1)
  ).toFixed(2)} |`;
}

if (process.argv[2] === 'child') {
  await child(process.argv[3], process.argv[4]);
} else {
  const knex = require('knex')({
    client: 'pg',
    connection: { ...postgres, database: 'postgres' },
  });
  const table = `knex_gc_${crypto.randomBytes(4).toString('hex')}`;
  await knex.schema.createTable(table, t => {
    t.integer('id').primary();
    t.text('body');
  });
  try {
    console.log(
      `knex ${
        require('knex/package.json').version
      } on PostgreSQL, ${IN_FLIGHT} operations in flight, ${SECONDS} s per row`,
    );
    console.log(
      '| Operation (a read and an upsert) | operations/s | scavenges | mean pause (ms) | promoted per operation (KB) |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const mode of [
      'query',
      'transaction',
      'transaction + an assigned closure',
    ]) {
      console.log(await row(mode, table));
    }
  } finally {
    await knex.schema.dropTableIfExists(table);
    await knex.destroy();
  }
}
