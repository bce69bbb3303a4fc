#!/usr/bin/env node
// How much of what one Weaviate nearObject query allocates outlives V8's
// scavenges, measured with no backend at all: the console's similar-components
// query (limit 41, properties ref and kind, distance), one at a time against
// the local Weaviate, in a child Node started with --trace-gc. Variants:
// weaviate-client (at three young-generation sizes, and with each reply
// registered with a FinalizationRegistry); plain @grpc/grpc-js with
// and without weaviate-client's protobuf decoder; Node's own HTTP/2 client
// with the same decoder; the decoder alone. Prints a row each: queries per
// second, scavenges and their mean pause, bytes promoted to the old
// generation per query. A diagnostic for the p99 tail of bench/recommendations
// (see its README); it writes no results file.
//
//   source scripts/toolchain.sh && node bench/recommendations/client-gc.mjs
//
// Options (environment): CLIENT_GC_OBJECTS (3000), CLIENT_GC_SECONDS (6),
// CLIENT_GC_LIMIT (41), WEAVIATE_HTTP_PORT / WEAVIATE_GRPC_PORT.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { summarize } from './gc-trace.mjs';
import { seededRandom } from './random.mjs';
import { envNumber } from '../lib/settings.mjs';

const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), '../..');
const require = createRequire(path.join(root, 'package.json'));
const httpPort = envNumber('WEAVIATE_HTTP_PORT', 8079);
const grpcPort = envNumber('WEAVIATE_GRPC_PORT', 50051);
const OBJECTS = envNumber('CLIENT_GC_OBJECTS', 3000);
const SECONDS = envNumber('CLIENT_GC_SECONDS', 6);
const LIMIT = envNumber('CLIENT_GC_LIMIT', 41);

const QUERY = {
  limit: LIMIT,
  returnProperties: ['ref', 'kind'],
  returnMetadata: ['distance'],
};

/**
 * One query of `mode`, as a function of an object's id: `client` through
 * weaviate-client (as the console asks); `grpc` with @grpc/grpc-js
 * `makeUnaryRequest` and weaviate-client's generated protobuf decoder;
 * `grpc-bytes` the same without decoding the reply; `http2` the same gRPC
 * frame over Node's own HTTP/2 client, with the same decoder; `decode` only
 * decoding one reply captured from the server, once per turn of the event
 * loop. Each checks that it got the objects it asked for.
 */
async function queryOf(mode, collection, name) {
  const expected = Math.min(LIMIT, OBJECTS);
  const check = count => {
    if (count !== expected) {
      throw new Error(`${mode}: expected ${expected} objects, got ${count}`);
    }
  };
  if (mode === 'client') {
    return async id =>
      check((await collection.query.nearObject(id, QUERY)).objects.length);
  }
  if (mode === 'client-registered') {
    // As `client`, each reply also registered with a FinalizationRegistry,
    // as a probe of when replies are collected would: V8's scavenger keeps
    // registered objects (and all they reach), so this row shows what such a
    // probe does to the numbers it is meant to observe.
    const registry = new FinalizationRegistry(() => {});
    return async id => {
      const reply = await collection.query.nearObject(id, QUERY);
      registry.register(reply, undefined);
      check(reply.objects.length);
    };
  }
  // weaviate-client's generated protobuf code and the @grpc/grpc-js it uses
  // (through nice-grpc), by path: the package exports neither.
  const cjs = path.dirname(require.resolve('weaviate-client'));
  const proto = file => require(path.join(cjs, `proto/v1/${file}.js`));
  const { Serialize } = require(path.join(
    cjs,
    'collections/serialize/index.js',
  ));
  const { generateUuid5 } = require('weaviate-client');
  const grpc = createRequire(
    createRequire(require.resolve('weaviate-client')).resolve('nice-grpc'),
  )('@grpc/grpc-js');
  const search = proto('weaviate').WeaviateDefinition.methods.search;
  const request = id =>
    proto('search_get').SearchRequest.fromPartial({
      ...Serialize.search.nearObject({ id }, QUERY),
      collection: name,
      uses123Api: true,
      uses125Api: true,
      uses127Api: true,
    });
  const channel = new grpc.Client(
    `127.0.0.1:${grpcPort}`,
    grpc.credentials.createInsecure(),
  );
  const call = id =>
    new Promise((resolve, reject) =>
      channel.makeUnaryRequest(
        '/weaviate.v1.Weaviate/Search',
        message => Buffer.from(search.requestType.encode(message).finish()),
        mode === 'grpc' ? bytes => search.responseType.decode(bytes) : b => b,
        request(id),
        new grpc.Metadata(),
        (error, reply) => (error ? reject(error) : resolve(reply)),
      ),
    );
  if (mode === 'grpc')
    return async id => check((await call(id)).results.length);
  const bytes = await call(generateUuid5('c0'));
  check(search.responseType.decode(bytes).results.length);
  if (mode === 'grpc-bytes') {
    return async id => {
      if ((await call(id)).length === 0) throw new Error('empty reply');
    };
  }
  if (mode === 'http2') {
    // The same request as one gRPC frame over Node's own HTTP/2 client.
    const session = (await import('node:http2')).connect(
      `http://127.0.0.1:${grpcPort}`,
    );
    return id =>
      new Promise((resolve, reject) => {
        const message = search.requestType.encode(request(id)).finish();
        const frame = Buffer.alloc(5 + message.length);
        frame.writeUInt32BE(message.length, 1);
        frame.set(message, 5);
        const stream = session.request({
          ':method': 'POST',
          ':path': '/weaviate.v1.Weaviate/Search',
          'content-type': 'application/grpc',
          te: 'trailers',
        });
        const chunks = [];
        stream.on('data', chunk => chunks.push(chunk));
        stream.on('error', reject);
        stream.on('end', () => {
          const reply = Buffer.concat(chunks);
          // The 5-byte gRPC prefix, then the reply: decoded only to check it.
          check(search.responseType.decode(reply.subarray(5)).results.length);
          resolve();
        });
        stream.end(frame);
      });
  }
  return async () => {
    check(search.responseType.decode(bytes).results.length);
    await new Promise(resolve => setImmediate(resolve));
  };
}

/** The query loop, run in the child (argv: child <mode>). */
async function child(mode) {
  const weaviate = require('weaviate-client').default;
  const { generateUuid5 } = require('weaviate-client');
  const client = await weaviate.connectToLocal({
    host: '127.0.0.1',
    port: httpPort,
    grpcPort,
  });
  const name = `AiOpsClientGc${process.pid}`;
  try {
    await client.collections.create({
      name,
      vectorizers: weaviate.configure.vectors.selfProvided(),
      properties: [
        { name: 'ref', dataType: 'text' },
        { name: 'kind', dataType: 'text' },
      ],
    });
    const collection = client.collections.use(name);
    const random = seededRandom(7);
    for (let i = 0; i < OBJECTS; i += 500) {
      await collection.data.insertMany(
        Array.from({ length: Math.min(500, OBJECTS - i) }, (_, j) => ({
          id: generateUuid5(`c${i + j}`),
          properties: {
            ref: `aicomponent:default/c-${i + j}`,
            kind: 'component',
          },
          vectors: Array.from({ length: 384 }, () => random() - 0.5),
        })),
      );
    }
    const query = await queryOf(mode, collection, name);
    // The marker the parent starts counting at.
    console.log('MEASURE');
    const started = Date.now();
    let queries = 0;
    while (Date.now() - started < SECONDS * 1000) {
      await query(generateUuid5(`c${Math.floor(random() * OBJECTS)}`));
      queries += 1;
    }
    console.log(`QUERIES ${queries} ${(Date.now() - started) / 1000}`);
  } finally {
    await client.collections.delete(name).catch(() => undefined);
    await client.close();
  }
}

if (process.argv[2] === 'child') {
  await child(process.argv[3]);
  // The raw gRPC channel of the grpc modes is left open: end here.
  process.exit(0);
} else {
  if (
    spawnSync('bash', [
      path.join(root, 'scripts/services/weaviate.sh'),
      'status',
    ]).status !== 0
  ) {
    throw new Error(
      'Weaviate is not running: scripts/services/weaviate.sh start',
    );
  }
  console.log(
    `Weaviate nearObject, limit ${LIMIT}, ${OBJECTS} objects, ${SECONDS} s per row`,
  );
  console.log(
    '| Query | V8 young generation | queries/s | scavenges | mean pause (ms) | promoted per query (KB) | mark-compacts |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [mode, label, flags] of [
    ['client', 'default', []],
    ['client', '4 MB semi-spaces', ['--max-semi-space-size=4']],
    ['client', '64 MB semi-spaces', ['--min-semi-space-size=64']],
    ['client-registered', 'default', []],
    ['grpc', 'default', []],
    ['grpc-bytes', 'default', []],
    ['http2', 'default', []],
    ['decode', 'default', []],
  ]) {
    const output = execFileSync(
      process.execPath,
      ['--trace-gc', ...flags, self, 'child', mode],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
    );
    const s = summarize(output);
    console.log(
      `| ${mode} | ${label} | ${(s.queries / s.seconds).toFixed(0)} | ${
        s.scavenges
      } | ${(s.pauseMs / Math.max(s.scavenges, 1)).toFixed(1)} | ${(
        (s.promotedMb * 1024) /
        Math.max(s.queries, 1)
      ).toFixed(1)} | ${s.majors} |`,
    );
  }
}
