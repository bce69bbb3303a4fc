#!/usr/bin/env node
// The HTTP side of bench/recommendations' p99 tail, without the backend: how
// much of what one small JSON request allocates outlives V8's scavenges in an
// Express server (a child Node with --trace-gc), one keep-alive request at a
// time from this process, as the bench's client sends them (no
// Accept-Encoding unless the row says gzip). Each handler builds a result of
// 10 items with reasons and keeps 41 candidates in `res.locals`, about what
// the similar-components route holds. Prints a row per middleware stack:
// requests per second, scavenges and their mean pause, bytes promoted to the
// old generation per request. A diagnostic; it writes no results file.
//
//   source scripts/toolchain.sh && node bench/recommendations/server-gc.mjs
//
// Options (environment): SERVER_GC_SECONDS (8).
import { fork } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { summarize } from './gc-trace.mjs';
import { envNumber } from '../lib/settings.mjs';

const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), '../..');
const require = createRequire(path.join(root, 'package.json'));
const SECONDS = envNumber('SERVER_GC_SECONDS', 8);

/** The server, run in the child (argv: child <middleware,...>). */
function child(stack) {
  const express = require('express');
  const app = express();
  if (stack.includes('helmet')) app.use(require('helmet')());
  if (stack.includes('compression')) app.use(require('compression')());
  if (stack.includes('rate-limit')) {
    const { rateLimit } = require('express-rate-limit');
    app.use(rateLimit({ windowMs: 60_000, limit: 1e9 }));
  }
  if (stack.includes('request-log')) {
    // A request log line per request, as Backstage's root HTTP router writes.
    const winston = require('winston');
    const logger = winston.createLogger({
      format: winston.format.json(),
      transports: [new winston.transports.Stream({ stream: devNull() })],
    });
    app.use(
      require('morgan')('combined', {
        stream: { write: line => logger.info(line.trim()) },
      }),
    );
  }
  if (stack.includes('closure-on-res')) {
    // One per-request closure stored on the response, as compression's
    // res.flush/write/end/on are; nothing else.
    app.use((req, res, next) => {
      res.requestUrl = () => req.url;
      next();
    });
  }
  if (stack.includes('declared-closure-on-res')) {
    // The same closure declared first and then stored: V8 pretenures only a
    // function literal that is itself the right-hand side of a property
    // assignment.
    app.use((req, res, next) => {
      const requestUrl = () => req.url;
      res.requestUrl = requestUrl;
      next();
    });
  }
  app.get('/similar/:name', async (req, res) => {
    res.locals.candidates = Array.from({ length: 41 }, (_, i) => ({
      ref: `aicomponent:default/candidate-${i}`,
      kind: 'component',
      distance: Math.random(),
    }));
    await new Promise(resolve => setTimeout(resolve, 1));
    res.json({
      items: res.locals.candidates.slice(0, 10).map(c => ({
        ref: c.ref,
        score: 1 - c.distance,
        reasons: [`description similarity ${(1 - c.distance).toFixed(2)}`],
      })),
    });
  });
  const server = app.listen(0, '127.0.0.1', () =>
    process.send({ port: server.address().port }),
  );
  process.on('message', message => {
    if (message === 'measure') console.log('MEASURE');
    if (message === 'end') process.exit(0);
  });
}

function devNull() {
  const { Writable } = require('node:stream');
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

/** One row: starts the child with `stack`, sends requests, sums its GC. */
async function row(stack, gzip) {
  let output = '';
  const server = fork(self, ['child', stack.join(',')], {
    execArgv: ['--trace-gc'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  server.stdout.on('data', d => (output += d));
  const port = await new Promise(resolve =>
    server.once('message', m => resolve(m.port)),
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = name =>
    new Promise((resolve, reject) =>
      http
        .get(
          {
            host: '127.0.0.1',
            port,
            path: `/similar/${name}`,
            agent,
            headers: gzip ? { 'accept-encoding': 'gzip' } : {},
          },
          res => {
            if (res.statusCode !== 200) {
              reject(new Error(`status ${res.statusCode}`));
            }
            res.resume();
            res.on('end', resolve);
          },
        )
        .on('error', reject),
    );
  for (let i = 0; i < 500; i += 1) await get(`warm-${i}`);
  server.send('measure');
  await new Promise(resolve => setTimeout(resolve, 100));
  const started = Date.now();
  let requests = 0;
  while (Date.now() - started < SECONDS * 1000) {
    await get(`c-${requests}`);
    requests += 1;
  }
  agent.destroy();
  const seconds = (Date.now() - started) / 1000;
  server.send('end');
  await new Promise(resolve => server.on('exit', resolve));
  const s = summarize(`${output}\nQUERIES ${requests} ${seconds}`);
  return `| ${stack.join(' + ') || 'Express alone'}${
    gzip ? ' (gzip accepted)' : ''
  } | ${(s.queries / s.seconds).toFixed(0)} | ${s.scavenges} | ${(
    s.pauseMs / Math.max(s.scavenges, 1)
  ).toFixed(1)} | ${((s.promotedMb * 1024) / Math.max(s.queries, 1)).toFixed(
    2,
  )} |`;
}

if (process.argv[2] === 'child') {
  child(process.argv[3].split(',').filter(Boolean));
} else {
  console.log(
    `Express, one keep-alive request at a time, ${SECONDS} s per row`,
  );
  console.log(
    '| Middleware | requests/s | scavenges | mean pause (ms) | promoted per request (KB) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [stack, gzip] of [
    [[], false],
    [['helmet'], false],
    [['rate-limit'], false],
    [['request-log'], false],
    [['closure-on-res'], false],
    [['declared-closure-on-res'], false],
    [['compression'], false],
    [['compression'], true],
    [['helmet', 'compression', 'rate-limit', 'request-log'], false],
  ]) {
    console.log(await row(stack, gzip));
  }
}
