#!/usr/bin/env node
// Benchmark of the ai-components registry's list and search API
// (GET /api/ai-components/components) against the real production stack:
// the backend from source with PostgreSQL, Redis, OIDC sign-in and RBAC.
//
//   source scripts/toolchain.sh && node bench/components/run.mjs
//
// It seeds BENCH_COMPONENTS components (default 20,000) through the API,
// drives each scenario with autocannon (50 connections), computes
// p50/p95/p99 from every response time, writes bench/results.md and exits
// non-zero when a target fails. See bench/README.md.
import autocannon from 'autocannon';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  productionConfigs,
  productionEnv,
  repoRoot,
  startBackend,
} from '../../tests/integration/lib/backend.mjs';
import {
  startOidcProvider,
  signInWithOidc,
} from '../../tests/integration/lib/oidc.mjs';
import {
  CookieJar,
  request,
  waitFor,
} from '../../tests/integration/lib/http.mjs';
import {
  dropDatabasesWithPrefix,
  postgres,
} from '../../tests/integration/lib/postgres.mjs';
import { gitState } from '../lib/git.mjs';
import { CLK_TCK, cpuSampler, postgresPids } from '../lib/proc.mjs';
import { envNumber } from '../lib/settings.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(
  path.join(repoRoot, 'packages/backend/package.json'),
);
const { Client } = require('pg');

// ---------------------------------------------------------------- settings
const settings = {
  components: envNumber('BENCH_COMPONENTS', 20_000, { integer: true }),
  connections: envNumber('BENCH_CONNECTIONS', 50, { integer: true }),
  durationS: envNumber('BENCH_DURATION', 15, { integer: true }),
  warmupS: envNumber('BENCH_WARMUP', 3, { integer: true }),
  rounds: envNumber('BENCH_ROUNDS', 3, { integer: true }),
  idleS: envNumber('BENCH_IDLE', 10, { integer: true }),
  // Other processes on the machine (builds, tests) distort the numbers: a
  // slice during which they used more than this many hundredths of a core is
  // discarded and run again once the machine is quiet.
  maxOtherCentiCores: envNumber('BENCH_MAX_OTHER', 30, { integer: true }),
  quietWaitS: envNumber('BENCH_QUIET_WAIT', 1200, { integer: true }),
  maxRetries: envNumber('BENCH_SLICE_RETRIES', 4, { integer: true }),
  // Seconds of CPU profile of the backend per list scenario, taken through
  // the inspector after the measured rounds (0: no inspector, no profile).
  profileS: envNumber('BENCH_PROFILE', 5, { integer: true }),
  seedConcurrency: envNumber('BENCH_SEED_CONCURRENCY', 32, { integer: true }),
  // How long to wait for the catalog to finish ingesting the seeded
  // components (the catalog module mirrors console components as entities).
  catalogSettleS: envNumber('BENCH_CATALOG_SETTLE', 900, { integer: true }),
};
const resultsFile = path.resolve(
  process.env.BENCH_RESULTS ?? path.join(here, '../results.md'),
);
const TARGET_P95_MS = 300;
const TARGET_RATIO = 1.3;
const SEARCH_WORD = 'retrieval';

const benchEnvVars = Object.keys(process.env)
  .filter(k => k.startsWith('BENCH_'))
  .sort();
const command = [
  'source scripts/toolchain.sh &&',
  ...benchEnvVars.map(k => `${k}=${process.env[k]}`),
  'node',
  path.relative(repoRoot, fileURLToPath(import.meta.url)),
  ...process.argv.slice(2),
].join(' ');

// --------------------------------------------------------------- data set
const TYPES = ['model', 'prompt', 'tool', 'agent', 'dataset', 'evaluator'];
const LIFECYCLES = ['experimental', 'production', 'deprecated'];
const OWNER_TEAMS = [
  'team-a',
  'team-b',
  ...[
    'atlas',
    'beacon',
    'cobalt',
    'delta',
    'ember',
    'falcon',
    'garnet',
    'harbor',
    'indigo',
    'juniper',
    'kestrel',
    'lumen',
    'meridian',
    'nimbus',
    'onyx',
    'prairie',
    'quartz',
    'raven',
    'sierra',
    'tundra',
    'umber',
    'vortex',
    'willow',
    'xenon',
    'yarrow',
    'zephyr',
    'aurora',
    'basalt',
    'cedar',
    'dune',
    'fjord',
    'glacier',
    'heron',
    'iris',
    'jade',
    'krypton',
    'lotus',
    'mosaic',
  ].map(n => `team-${n}`),
];
const OWNERS = OWNER_TEAMS.map(t => `group:default/${t}`);
const TAGS = [
  'nlp',
  'vision',
  'speech',
  'classification',
  'summarization',
  'translation',
  'embeddings',
  'ranking',
  'moderation',
  'extraction',
  'chat',
  'code',
  'finance',
  'support',
  'legal',
  'healthcare',
  'marketing',
  'internal',
  'external',
  'gpu',
  'cpu',
  'batch',
  'realtime',
  'pii',
  'multilingual',
  'english',
  'beta',
  'stable',
  'cost-sensitive',
  'low-latency',
];
// Description words; none is a substring of another word, a tag, a type, a
// name or a title, so `q=retrieval` matches descriptions only (~15% of rows).
const WORDS = [
  'retrieval',
  'answers',
  'questions',
  'tickets',
  'customers',
  'invoices',
  'contracts',
  'documents',
  'images',
  'audio',
  'transcripts',
  'reviews',
  'products',
  'orders',
  'shipments',
  'claims',
  'policies',
  'emails',
  'messages',
  'alerts',
  'incidents',
  'logs',
  'metrics',
  'reports',
  'forecasts',
  'budgets',
  'leads',
  'campaigns',
  'articles',
  'manuals',
  'quickly',
  'reliably',
  'accurately',
  'cheaply',
  'securely',
  'routes',
  'scores',
  'labels',
  'detects',
  'drafts',
  'rewrites',
  'validates',
  'enriches',
  'filters',
  'groups',
  'compares',
  'explains',
  'predicts',
  'monitors',
  'audits',
  'weekly',
  'nightly',
  'hourly',
  'european',
  'american',
  'asian',
  'partner',
  'vendor',
  'regional',
  'global',
];

/** A small seeded PRNG (mulberry32), so every run seeds the same data set. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function componentAt(i, random) {
  const pick = list => list[Math.floor(random() * list.length)];
  const type = TYPES[i % TYPES.length];
  const tags = [
    ...new Set(
      Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(TAGS)),
    ),
  ];
  const words = Array.from({ length: 8 + Math.floor(random() * 5) }, () =>
    pick(WORDS),
  );
  return {
    name: `bench-${String(i).padStart(5, '0')}`,
    title: `Bench ${type} ${i}`,
    description: `A ${type} that ${words.join(' ')}.`,
    type,
    owner: OWNERS[Math.floor(random() * OWNERS.length)],
    lifecycle: pick(LIFECYCLES),
    tags,
    runtime: { type: 'jsonata', config: { expression: '$' } },
    inputSchema: { type: 'object' },
    outputSchema: { type: 'object' },
  };
}

// ---------------------------------------------------------------- helpers
const log = (...args) =>
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);

async function freePort() {
  const server = net.createServer();
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise(resolve => server.close(resolve));
  return port;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

// CPU accounting from /proc (Linux): the whole machine, the backend process,
// all PostgreSQL processes and this process (the load generator).
let backendPid;
function findBackendPid() {
  const children = [];
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      children.push(
        ...fs
          .readFileSync(`/proc/self/task/${tid}/children`, 'utf8')
          .split(' ')
          .filter(Boolean),
      );
    } catch {}
  }
  return children.find(pid => {
    try {
      return fs
        .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        .includes('src/index.ts');
    } catch {
      return false;
    }
  });
}
const { sample: cpuSample } = cpuSampler({
  backend: () => (backendPid ? [backendPid] : []),
  postgres: postgresPids,
});
const zeroCpu = () => ({
  wallMs: 0,
  idle: 0,
  total: 0,
  backendMs: 0,
  postgresMs: 0,
  benchMs: 0,
});
function addCpu(acc, before, after) {
  acc.wallMs += after.at - before.at;
  acc.idle += after.idle - before.idle;
  acc.total += after.total - before.total;
  acc.backendMs += ((after.backend - before.backend) * 1000) / CLK_TCK;
  // Processes that ended in between make this a slight underestimate.
  acc.postgresMs += Math.max(
    0,
    ((after.postgres - before.postgres) * 1000) / CLK_TCK,
  );
  acc.benchMs += after.bench - before.bench;
}
/** Busy share of the machine, and cores used by each process group. */
const cpuShares = c => {
  const shares = {
    machine: 1 - c.idle / c.total,
    backend: c.backendMs / c.wallMs,
    postgres: c.postgresMs / c.wallMs,
    bench: c.benchMs / c.wallMs,
  };
  // Everything else: Redis, the kernel, and other people's processes.
  shares.other = Math.max(
    0,
    shares.machine * os.cpus().length -
      shares.backend -
      shares.postgres -
      shares.bench,
  );
  return shares;
};
function sumCpu(into, c) {
  for (const k of Object.keys(into)) into[k] += c[k];
}
const maxOther = () => settings.maxOtherCentiCores / 100;

/** Waits until processes other than the bench's leave the machine alone. */
async function waitForQuiet(what) {
  const deadline = Date.now() + settings.quietWaitS * 1000;
  let waited = false;
  for (;;) {
    const c = zeroCpu();
    const before = cpuSample();
    await new Promise(r => setTimeout(r, 3000));
    addCpu(c, before, cpuSample());
    const { other } = cpuShares(c);
    if (other <= maxOther()) {
      if (waited)
        log(`machine quiet again (other processes ${other.toFixed(2)} cores)`);
      return true;
    }
    if (Date.now() > deadline) {
      log(
        `machine still busy after ${
          settings.quietWaitS
        } s (other processes ${other.toFixed(2)} cores); going on`,
      );
      return false;
    }
    if (!waited)
      log(
        `waiting for a quiet machine before ${what}: other processes use ${other.toFixed(
          2,
        )} cores`,
      );
    waited = true;
  }
}

const ms = v => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');

/** Runs autocannon once and returns every response time it saw. */
function cannon({
  url,
  headers,
  durationS,
  connections,
  method = 'GET',
  body,
}) {
  return new Promise((resolve, reject) => {
    const times = [];
    const statuses = {};
    const instance = autocannon(
      {
        url,
        method,
        headers: body
          ? { ...headers, 'content-type': 'application/json' }
          : headers,
        body: body ? JSON.stringify(body) : undefined,
        connections,
        duration: durationS,
        timeout: 30,
      },
      (error, result) =>
        error ? reject(error) : resolve({ result, times, statuses }),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}

// -------------------------------------------------------------------- run
const dbPrefix = `aiops_bench_${crypto.randomBytes(4).toString('hex')}_`;
const externalToken = crypto.randomBytes(24).toString('base64url');
const backendLog = path.join(os.tmpdir(), `${dbPrefix}backend.log`);
let backend;
let oidc;
let cleaning;
let rbacDir;
let rbacReloads = 0;

async function cleanup() {
  cleaning ??= (async () => {
    if (backend) {
      fs.writeFileSync(backendLog, backend.output());
      log(`backend log: ${backendLog}`);
    }
    await backend?.stop().catch(e => log(`stopping the backend: ${e}`));
    await oidc?.stop().catch(e => log(`stopping the OIDC provider: ${e}`));
    if (rbacDir) fs.rmSync(rbacDir, { recursive: true, force: true });
    const dropped = await dropDatabasesWithPrefix(dbPrefix).catch(e => {
      log(`dropping databases: ${e}`);
      return [];
    });
    log(
      `stopped the backend and OIDC provider; dropped ${dropped.length} databases (${dbPrefix}*)`,
    );
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  });
}

async function main() {
  const startedAt = new Date();
  const backendPort = await freePort();
  const oidcPort = await freePort();
  const base = `http://127.0.0.1:${backendPort}`;
  log(`settings ${JSON.stringify(settings)}; db prefix ${dbPrefix}`);

  // 1. OIDC provider and backend, sign-in, RBAC conditions.
  oidc = await startOidcProvider({
    port: oidcPort,
    redirectUri: `http://localhost:${backendPort}/api/auth/oidc/handler/frame`,
    accounts: {
      ada: { email: 'ada@ai-ops.example', name: 'Ada Admin' },
      bob: { email: 'bob@ai-ops.example', name: 'Bob Author' },
    },
    clientId: 'ai-ops-console',
    clientSecret: 'bench-secret',
  });
  // RBAC reads copies of the policy files, so that the bench can rewrite the
  // conditional one (see below) without touching bench/components/.
  rbacDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-ops-bench-rbac-'));
  const policyFile = path.join(rbacDir, 'policy.csv');
  const conditionsFile = path.join(rbacDir, 'conditional-policies.yaml');
  fs.copyFileSync(path.join(here, 'policy.csv'), policyFile);
  fs.copyFileSync(path.join(here, 'conditional-policies.yaml'), conditionsFile);
  const inspectPort = settings.profileS > 0 ? await freePort() : undefined;
  const backendStart = Date.now();
  backend = await startBackend({
    port: backendPort,
    configs: productionConfigs(path.join(here, 'app-config.bench.yaml')),
    env: productionEnv({
      port: backendPort,
      dbPrefix,
      externalToken,
      postgres,
      overrides: {
        OIDC_METADATA_URL: oidc.metadataUrl,
        OIDC_CLIENT_SECRET: 'bench-secret',
        RBAC_POLICY_FILE: policyFile,
        RBAC_CONDITIONAL_POLICIES_FILE: conditionsFile,
        CATALOG_ROOT_LOCATION: path.join(repoRoot, 'examples/all.yaml'),
        // All load comes from one address; keep the limiter in the stack
        // (it still consults Redis on every request) but out of the way.
        RATE_LIMIT_PER_MINUTE: '100000000',
        ...(inspectPort
          ? {
              NODE_OPTIONS: [
                process.env.NODE_OPTIONS,
                `--inspect=127.0.0.1:${inspectPort}`,
              ]
                .filter(Boolean)
                .join(' '),
            }
          : {}),
      },
    }),
  });
  backendPid = findBackendPid();
  log(
    `backend ready on ${base} after ${(
      (Date.now() - backendStart) /
      1000
    ).toFixed(1)} s`,
  );

  const asService = { authorization: `Bearer ${externalToken}` };
  const api = (p, options = {}) => request(`${base}${p}`, options);

  await waitFor('the catalog to ingest ada and bob', async () => {
    const res = await api(
      '/api/catalog/entities/by-query?filter=kind=user&fields=metadata.name',
      { headers: asService },
    );
    if (res.status !== 200) return false;
    const names = res.json().items.map(e => e.metadata.name);
    return names.includes('ada') && names.includes('bob');
  });
  const tokens = {};
  for (const login of ['ada', 'bob']) {
    const identity = await signInWithOidc({
      backendUrl: backend.baseUrl,
      login,
      jar: new CookieJar(),
    });
    tokens[login] = identity.token;
    log(
      `signed in ${
        identity.identity.userEntityRef
      } (owns ${identity.identity.ownershipEntityRefs.join(', ')})`,
    );
  }
  const asUser = login => ({ authorization: `Bearer ${tokens[login]}` });
  // RBAC reads the conditional policies once at start-up and needs the
  // ai-components permission metadata for that; when it starts before the
  // ai-components router is mounted, the condition fails to load ("Unable to
  // get permission list for plugin ai-components") and is not retried. The
  // file watcher (permission.rbac.policyFileReload) reloads it on a change,
  // so rewrite the copy (same content) until the condition is there.
  let lastNudge = Date.now();
  await waitFor(
    'RBAC to load the conditional policy',
    async () => {
      const res = await api('/api/permission/roles/conditions', {
        headers: asUser('ada'),
      });
      const loaded =
        res.status === 200 &&
        res.json().some(c => c.roleEntityRef === 'role:default/team-b-reader');
      if (!loaded && Date.now() - lastNudge > 5000) {
        fs.writeFileSync(conditionsFile, fs.readFileSync(conditionsFile));
        lastNudge = Date.now();
        rbacReloads++;
      }
      return loaded;
    },
    { timeoutMs: 120_000 },
  );
  log(
    `RBAC conditional policy loaded (after ${rbacReloads} rewrites of the file)`,
  );

  // 2. Seed through the API with the service token.
  const random = prng(20_000);
  const components = Array.from({ length: settings.components }, (_, i) =>
    componentAt(i, random),
  );
  const seedStart = performance.now();
  let next = 0;
  let done = 0;
  const seedWorker = async () => {
    while (next < components.length) {
      const component = components[next++];
      let res;
      for (let attempt = 1; ; attempt++) {
        res = await fetch(`${base}/api/ai-components/components`, {
          method: 'POST',
          headers: { ...asService, 'content-type': 'application/json' },
          body: JSON.stringify(component),
        });
        if (res.status < 500 || attempt === 3) break;
        await res.arrayBuffer();
      }
      if (res.status !== 201) {
        throw new Error(
          `seeding ${component.name}: ${res.status} ${await res.text()}`,
        );
      }
      await res.arrayBuffer();
      if (++done % 2000 === 0) log(`seeded ${done}/${components.length}`);
    }
  };
  await Promise.all(
    Array.from({ length: settings.seedConcurrency }, seedWorker),
  );
  const seedS = (performance.now() - seedStart) / 1000;
  log(
    `seeded ${components.length} components in ${seedS.toFixed(1)} s (${(
      components.length / seedS
    ).toFixed(0)}/s)`,
  );

  const count = (list, pred) => list.filter(pred).length;
  const teamB = 'group:default/team-b';
  const dataSet = {
    total: components.length,
    byType: Object.fromEntries(
      TYPES.map(t => [t, count(components, c => c.type === t)]),
    ),
    teamB: count(components, c => c.owner === teamB),
    withWord: count(components, c => c.description.includes(SEARCH_WORD)),
    modelsWithWord: count(
      components,
      c => c.type === 'model' && c.description.includes(SEARCH_WORD),
    ),
    teamBModelsWithWord: count(
      components,
      c =>
        c.type === 'model' &&
        c.owner === teamB &&
        c.description.includes(SEARCH_WORD),
    ),
  };

  // 3. The catalog mirrors console components as AIComponent entities; let
  // that first ingestion finish so that it does not land in one scenario.
  const settleStart = Date.now();
  let catalogCount = 0;
  let catalogSettled = false;
  try {
    await waitFor(
      'the catalog to ingest the seeded components',
      async () => {
        const res = await api(
          '/api/catalog/entities/by-query?filter=kind=aicomponent&limit=1',
          {
            headers: asService,
          },
        );
        if (res.status !== 200) return false;
        catalogCount = res.json().totalItems;
        return catalogCount >= settings.components;
      },
      { timeoutMs: settings.catalogSettleS * 1000, intervalMs: 5000 },
    );
    catalogSettled = true;
  } catch (error) {
    log(
      `${error.message} (continuing with ${catalogCount} catalog AIComponents)`,
    );
  }
  const settleS = (Date.now() - settleStart) / 1000;
  log(
    `catalog holds ${catalogCount} AIComponent entities after ${settleS.toFixed(
      0,
    )} s`,
  );

  // 4. Check the requests and that bob's view is really filtered.
  const listPath = '/api/ai-components/components?limit=50';
  const searchPath = `/api/ai-components/components?q=${SEARCH_WORD}&type=model&limit=50`;
  const probe = async (login, p) => {
    const res = await api(p, { headers: asUser(login) });
    if (res.status !== 200)
      throw new Error(
        `${login} GET ${p}: ${res.status} ${res.text.slice(0, 500)}`,
      );
    return res.json();
  };
  const probes = {
    adminList: await probe('ada', listPath),
    adminSearch: await probe('ada', searchPath),
    bobList: await probe('bob', listPath),
    bobSearch: await probe('bob', searchPath),
  };
  const bobOwners = ['user:default/bob', teamB];
  const filterProblems = [];
  if (probes.adminList.totalItems < settings.components)
    filterProblems.push(
      `admin sees ${probes.adminList.totalItems} < ${settings.components} seeded components`,
    );
  if (!(probes.bobList.totalItems < probes.adminList.totalItems))
    filterProblems.push(
      `bob's list is not filtered: ${probes.bobList.totalItems} vs admin ${probes.adminList.totalItems}`,
    );
  if (!(probes.bobSearch.totalItems < probes.adminSearch.totalItems))
    filterProblems.push(
      `bob's search is not filtered: ${probes.bobSearch.totalItems} vs admin ${probes.adminSearch.totalItems}`,
    );
  if (probes.bobList.totalItems < dataSet.teamB)
    filterProblems.push(
      `bob sees ${probes.bobList.totalItems} < ${dataSet.teamB} team-b components`,
    );
  for (const item of [...probes.bobList.items, ...probes.bobSearch.items]) {
    if (!bobOwners.includes(item.owner))
      filterProblems.push(`bob sees ${item.ref} owned by ${item.owner}`);
  }
  if (probes.adminSearch.totalItems < dataSet.modelsWithWord)
    filterProblems.push(
      `admin search found ${probes.adminSearch.totalItems} < ${dataSet.modelsWithWord} expected`,
    );
  if (filterProblems.length) {
    throw new Error(
      `the permission filter check failed:\n  ${filterProblems.join('\n  ')}`,
    );
  }
  log(
    `filter check ok: admin list ${probes.adminList.totalItems}, bob list ${probes.bobList.totalItems}, admin search ${probes.adminSearch.totalItems}, bob search ${probes.bobSearch.totalItems}`,
  );

  // 5. The scenarios.
  const decisionBody = {
    items: [
      {
        id: 'read',
        permission: {
          type: 'resource',
          name: 'ai-components.component.read',
          attributes: { action: 'read' },
          resourceType: 'ai-component',
        },
      },
    ],
  };
  for (const [login, expected] of [
    ['ada', 'ALLOW'],
    ['bob', 'CONDITIONAL'],
  ]) {
    const res = await api('/api/permission/authorize', {
      method: 'POST',
      headers: asUser(login),
      body: decisionBody,
    });
    const result =
      res.status === 200 ? res.json().items?.[0]?.result : undefined;
    if (result !== expected) {
      throw new Error(
        `RBAC decision for ${login}: expected ${expected}, got ${
          res.status
        } ${res.text.slice(0, 300)}`,
      );
    }
  }
  const scenarios = [
    {
      id: 'baseline',
      label: 'baseline: health (ada)',
      path: '/api/ai-components/health',
      login: 'ada',
    },
    {
      id: 'adminList',
      label: 'admin list (ada)',
      path: listPath,
      login: 'ada',
      matches: probes.adminList.totalItems,
    },
    {
      id: 'bobList',
      label: 'filtered list (bob)',
      path: listPath,
      login: 'bob',
      matches: probes.bobList.totalItems,
    },
    {
      id: 'adminSearch',
      label: 'admin search (ada)',
      path: searchPath,
      login: 'ada',
      matches: probes.adminSearch.totalItems,
    },
    {
      id: 'bobSearch',
      label: 'filtered search (bob)',
      path: searchPath,
      login: 'bob',
      matches: probes.bobSearch.totalItems,
    },
    // Informational: the RBAC decision alone, as the list handler asks for it
    // (authorizeConditional of ai-components.component.read, no resource).
    {
      id: 'adminDecision',
      label: 'RBAC decision only (ada)',
      path: '/api/permission/authorize',
      login: 'ada',
      method: 'POST',
      body: decisionBody,
      diagnostic: true,
    },
    {
      id: 'bobDecision',
      label: 'RBAC decision only (bob)',
      path: '/api/permission/authorize',
      login: 'bob',
      method: 'POST',
      body: decisionBody,
      diagnostic: true,
    },
  ];
  // Each scenario runs `rounds` slices of duration/rounds seconds, the
  // scenarios interleaved round by round, so that background work (the
  // catalog's refresh of the mirrored entities, autovacuum) and drift fall on
  // all of them alike rather than on whichever ran at that moment.
  const sliceS = settings.durationS / settings.rounds;
  const acc = Object.fromEntries(
    scenarios.map(s => [
      s.id,
      {
        times: [],
        statuses: {},
        errors: 0,
        timeouts: 0,
        seconds: 0,
        roundP95: [],
        cpu: zeroCpu(),
        discarded: 0,
        noisy: 0,
      },
    ]),
  );
  const load = (s, durationS) =>
    cannon({
      url: `${base}${s.path}`,
      method: s.method,
      body: s.body,
      headers: asUser(s.login),
      connections: settings.connections,
      durationS,
    });
  await waitForQuiet('the warm-up');
  for (const s of scenarios) {
    if (settings.warmupS > 0) await load(s, settings.warmupS);
  }
  log(`warmed up ${scenarios.length} scenarios (${settings.warmupS} s each)`);
  // What the stack does with no load at all (the catalog's background work).
  let idle;
  if (settings.idleS > 0) {
    await waitForQuiet('the idle sample');
    const c = zeroCpu();
    const before = cpuSample();
    await new Promise(r => setTimeout(r, settings.idleS * 1000));
    addCpu(c, before, cpuSample());
    idle = cpuShares(c);
    log(`idle for ${settings.idleS} s: ${JSON.stringify(idle)}`);
  }
  let discardedSlices = 0;
  for (let round = 1; round <= settings.rounds; round++) {
    for (const s of scenarios) {
      const a = acc[s.id];
      for (let attempt = 0; ; attempt++) {
        const c = zeroCpu();
        const before = cpuSample();
        const { result, times, statuses } = await load(s, sliceS);
        addCpu(c, before, cpuSample());
        const shares = cpuShares(c);
        if (shares.other > maxOther() && attempt < settings.maxRetries) {
          a.discarded++;
          discardedSlices++;
          log(
            `round ${round} ${
              s.label
            }: other processes used ${shares.other.toFixed(
              2,
            )} cores; discarding the slice`,
          );
          await waitForQuiet(`repeating round ${round} of ${s.label}`);
          continue;
        }
        if (shares.other > maxOther()) a.noisy++;
        sumCpu(a.cpu, c);
        a.times.push(...times);
        for (const [code, n] of Object.entries(statuses))
          a.statuses[code] = (a.statuses[code] ?? 0) + n;
        a.errors += result.errors;
        a.timeouts += result.timeouts;
        a.seconds += result.duration;
        a.roundP95.push(
          percentile(
            [...times].sort((x, y) => x - y),
            95,
          ),
        );
        log(
          `round ${round}/${settings.rounds} ${s.label}: ${
            times.length
          } req, p95 ${ms(
            a.roundP95.at(-1),
          )} ms, other processes ${shares.other.toFixed(2)} cores`,
        );
        break;
      }
    }
  }
  const measured = {};
  for (const s of scenarios) {
    const a = acc[s.id];
    const times = a.times.sort((x, y) => x - y);
    const non2xx = Object.entries(a.statuses)
      .filter(([code]) => !code.startsWith('2'))
      .reduce((sum, [, n]) => sum + n, 0);
    const m = {
      ...s,
      requests: times.length,
      rps: times.length / a.seconds,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
      max: times.at(-1),
      non2xx,
      statuses: a.statuses,
      errors: a.errors,
      timeouts: a.timeouts,
      roundP95: a.roundP95,
      cpu: cpuShares(a.cpu),
      discarded: a.discarded,
      noisy: a.noisy,
    };
    m.ok = m.requests > 0 && m.non2xx === 0 && m.errors === 0;
    measured[s.id] = m;
    log(
      `${s.label}: ${m.requests} req, ${m.rps.toFixed(1)} rps, p50 ${ms(
        m.p50,
      )} p95 ${ms(m.p95)} p99 ${ms(m.p99)} ms, non-2xx ${m.non2xx}, errors ${
        m.errors
      }; CPU ${JSON.stringify(m.cpu)}`,
    );
  }

  // 6. CPU profiles of the backend under the list loads (after the
  // measurements, so that the profiler does not slow them down).
  const profiles = [];
  if (inspectPort) {
    for (const s of scenarios.filter(x =>
      ['adminList', 'bobList'].includes(x.id),
    )) {
      try {
        const profile = await profileBackend(
          inspectPort,
          settings.profileS,
          () =>
            cannon({
              url: `${base}${s.path}`,
              headers: asUser(s.login),
              connections: settings.connections,
              durationS: settings.profileS,
            }),
        );
        profiles.push({ label: s.label, ...summarizeProfile(profile) });
        log(`profiled ${s.label}`);
      } catch (error) {
        log(`could not profile ${s.label}: ${error.message}`);
      }
    }
  }

  // 7. Query plans of the SQL behind the list and search requests.
  const plans = await explainPlans();

  // 8. Targets.
  const targets = [];
  for (const id of ['adminList', 'adminSearch', 'bobList', 'bobSearch']) {
    const m = measured[id];
    targets.push({
      what: `${m.label}: p95 ≤ ${TARGET_P95_MS} ms`,
      value: `${ms(m.p95)} ms`,
      pass: m.ok && m.p95 <= TARGET_P95_MS,
    });
  }
  for (const [kind, admin, bob] of [
    ['list', measured.adminList, measured.bobList],
    ['search', measured.adminSearch, measured.bobSearch],
  ]) {
    const ratio = bob.p95 / admin.p95;
    targets.push({
      what: `filtered ${kind}: bob p95 / admin p95 ≤ ${TARGET_RATIO}`,
      value: `${ratio.toFixed(2)} (${ms(bob.p95)} / ${ms(admin.p95)} ms)`,
      pass: admin.ok && bob.ok && ratio <= TARGET_RATIO,
    });
  }
  for (const m of Object.values(measured)) {
    if (!m.ok) {
      targets.push({
        what: `${m.label}: every response 2xx, no errors`,
        value: `non-2xx ${m.non2xx} ${JSON.stringify(m.statuses)}, errors ${
          m.errors
        }`,
        pass: false,
      });
    }
  }

  const report = renderResults({
    startedAt,
    finishedAt: new Date(),
    dataSet,
    seedS,
    settleS,
    catalogCount,
    catalogSettled,
    rbacReloads,
    discardedSlices,
    idle,
    profiles,
    probes,
    measured,
    targets,
    plans,
  });
  // Other benchmarks keep their own sections of the same file.
  const existing = fs.existsSync(resultsFile)
    ? fs.readFileSync(resultsFile, 'utf8')
    : '';
  const others = existing
    .split(/\n(?=## )/)
    .filter(
      part => part.startsWith('## ') && !part.startsWith('## ai-components'),
    )
    .map(part => part.trimEnd());
  fs.writeFileSync(
    resultsFile,
    `${[report.trimEnd(), ...others].join('\n\n')}\n`,
  );
  console.log(`\n${report}`);
  log(`wrote ${path.relative(process.cwd(), resultsFile)}`);
  return targets.every(t => t.pass);
}

/** Starts the V8 profiler in the backend, runs `load`, returns the profile. */
async function profileBackend(port, seconds, load) {
  const [target] = await (
    await fetch(`http://127.0.0.1:${port}/json/list`)
  ).json();
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error('inspector connection failed'));
  });
  let id = 0;
  const pending = new Map();
  ws.onmessage = event => {
    const message = JSON.parse(event.data);
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  };
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      pending.set(++id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params }));
    });
  try {
    await send('Profiler.enable');
    await send('Profiler.setSamplingInterval', { interval: 500 });
    await send('Profiler.start');
    await load();
    const { profile } = await send('Profiler.stop');
    await send('Profiler.disable');
    return profile;
  } finally {
    ws.close();
  }
}

/** Where a profile frame's code lives: a package, a workspace plugin, node or V8. */
function areaOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = file.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (file.startsWith(repoRoot))
    return path.relative(repoRoot, file).split('/').slice(0, 2).join('/');
  if (file.startsWith('node:')) return 'node (core)';
  return file;
}

/** Self time by area and function, and total time of workspace functions. */
function summarizeProfile(profile) {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const selfUs = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = dt[i + 1] ?? 0;
    selfUs.set(
      profile.samples[i],
      (selfUs.get(profile.samples[i]) ?? 0) + delta,
    );
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const parent = new Map();
  for (const n of profile.nodes)
    for (const c of n.children ?? []) parent.set(c, n.id);
  const areas = new Map();
  const functions = new Map();
  const inclusive = new Map();
  const key = n => {
    const cf = n.callFrame;
    const file = cf.url
      ? path.relative(repoRoot, cf.url.replace(/^file:\/\//, ''))
      : '';
    return `${cf.functionName || '(anonymous)'}${
      file ? ` ${file}:${cf.lineNumber + 1}` : ''
    }`;
  };
  for (const [nodeId, us] of selfUs) {
    const n = byId.get(nodeId);
    const area = areaOf(n.callFrame.url, n.callFrame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    functions.set(key(n), (functions.get(key(n)) ?? 0) + us);
    // Inclusive time of workspace code (plugins/, packages/): each function
    // counted once per sample even when it recurses.
    const seen = new Set();
    for (let id = nodeId; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id).callFrame;
      if (
        !frame.url?.includes('/plugins/') &&
        !frame.url?.includes('/packages/')
      )
        continue;
      if (frame.url.includes('/node_modules/')) continue;
      const k = key(byId.get(id));
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    }
  }
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, share: us / totalUs }));
  return {
    seconds: totalUs / 1e6,
    idleShare: (areas.get('(idle)') ?? 0) / totalUs,
    areas: top(areas, 15),
    functions: top(functions, 15),
    workspace: top(inclusive, 12),
  };
}

/** EXPLAIN ANALYZE of the SQL the store runs for each scenario. */
async function explainPlans() {
  const admin = new Client({ ...postgres, database: 'postgres' });
  await admin.connect();
  let databases;
  try {
    const { rows } = await admin.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname',
      [`${dbPrefix}%`],
    );
    databases = rows.map(r => r.datname);
  } finally {
    await admin.end();
  }
  const componentsDb = databases.find(n => /ai.components$/.test(n));
  const catalogDb = databases.find(n => n === `${dbPrefix}catalog`);
  const bobFilter = `"ai_components"."owner" in ('user:default/bob', 'group:default/team-b')`;
  const search = `"type" in ('model') and "search_text" like '%${SEARCH_WORD}%'`;
  const queries = [
    [
      componentsDb,
      'admin list: page',
      `select * from "ai_components" order by "name" asc, "id" asc limit 51`,
    ],
    [
      componentsDb,
      'admin list: count',
      `select count(*) as "count" from "ai_components"`,
    ],
    [
      componentsDb,
      'bob list: page',
      `select * from "ai_components" where (${bobFilter}) order by "name" asc, "id" asc limit 51`,
    ],
    [
      componentsDb,
      'bob list: count',
      `select count(*) as "count" from "ai_components" where (${bobFilter})`,
    ],
    [
      componentsDb,
      'admin search: page',
      `select * from "ai_components" where ${search} order by "name" asc, "id" asc limit 51`,
    ],
    [
      componentsDb,
      'admin search: count',
      `select count(*) as "count" from "ai_components" where ${search}`,
    ],
    [
      componentsDb,
      'bob search: page',
      `select * from "ai_components" where ${search} and (${bobFilter}) order by "name" asc, "id" asc limit 51`,
    ],
    [
      componentsDb,
      'bob search: count',
      `select count(*) as "count" from "ai_components" where ${search} and (${bobFilter})`,
    ],
    // What the RBAC role manager reads from the catalog database on every
    // decision that involves a group role (AncestorSearchMemo).
    [
      catalogDb,
      'RBAC: all childOf relations',
      `select "source_entity_ref", "target_entity_ref" from "relations" where "type" = 'childOf'`,
    ],
    [
      catalogDb,
      'RBAC: memberOf of bob',
      `select "source_entity_ref", "target_entity_ref" from "relations" where "type" = 'memberOf' and "source_entity_ref" = 'user:default/bob'`,
    ],
  ];
  const plans = [];
  const clients = new Map();
  try {
    for (const [database, name, sql] of queries) {
      if (!database) continue;
      let client = clients.get(database);
      if (!client) {
        client = new Client({ ...postgres, database });
        await client.connect();
        clients.set(database, client);
        await client.query('ANALYZE');
        plans.version ??= (
          await client.query('SHOW server_version')
        ).rows[0].server_version;
      }
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
      const text = rows.map(r => r['QUERY PLAN']).join('\n');
      const time = Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1]);
      plans.push({ name, sql, text, time });
    }
    const catalog = catalogDb && clients.get(catalogDb);
    if (catalog) {
      const { rows } = await catalog.query(
        'SELECT count(*)::int AS n FROM relations',
      );
      plans.catalogRelations = rows[0].n;
    }
  } finally {
    for (const client of clients.values()) await client.end();
  }
  return plans;
}

function renderResults(r) {
  const cpus = os.cpus();
  const order = [
    'baseline',
    'adminList',
    'bobList',
    'adminSearch',
    'bobSearch',
    'adminDecision',
    'bobDecision',
  ];
  const request = m =>
    `\`${m.method ?? 'GET'} ${m.path.replace('/api/ai-components', '')}\``;
  const pct = v => `${(v * 100).toFixed(0)}%`;
  const cores = v => v.toFixed(2);
  const latencyRows = order.map(id => {
    const m = r.measured[id];
    const errors = m.non2xx + m.errors;
    return `| ${m.label} | ${request(m)} | ${m.matches ?? '–'} | ${
      m.requests
    } | ${m.rps.toFixed(1)} | ${ms(m.p50)} | **${ms(m.p95)}** | ${ms(
      m.p99,
    )} | ${ms(m.max)} | ${m.roundP95.map(ms).join(' / ')} | ${errors}${
      m.timeouts ? ` (${m.timeouts} timeouts)` : ''
    } |`;
  });
  const cpuRows = order.map(id => {
    const m = r.measured[id];
    return `| ${m.label} | ${pct(m.cpu.machine)} | ${cores(
      m.cpu.backend,
    )} | ${cores(m.cpu.postgres)} | ${cores(m.cpu.bench)} | ${cores(
      m.cpu.other,
    )}${m.discarded ? ` (${m.discarded} slice(s) re-run)` : ''}${
      m.noisy ? ` (${m.noisy} noisy slice(s) kept)` : ''
    } |`;
  });
  if (r.idle) {
    cpuRows.unshift(
      `| idle: no load, ${settings.idleS} s before round 1 | ${pct(
        r.idle.machine,
      )} | ${cores(r.idle.backend)} | ${cores(r.idle.postgres)} | ${cores(
        r.idle.bench,
      )} | ${cores(r.idle.other)} |`,
    );
  }
  const pass = r.targets.every(t => t.pass);
  const profileSection = r.profiles.length
    ? `### Where the backend's CPU goes (V8 CPU profile)

Taken through the inspector after the measured rounds: ${
        settings.profileS
      } s per scenario under the
same load (${
        settings.connections
      } connections), sampling every 0.5 ms. Shares are of the backend main
thread's samples; "(idle)" is time the event loop waited (for PostgreSQL, Redis, sockets).

${r.profiles
  .map(
    p => `#### ${p.label}

| Self time by package / area | Share |
| --- | ---: |
${p.areas.map(a => `| ${a.name} | ${pct(a.share)} |`).join('\n')}

| Self time by function (top ${p.functions.length}) | Share |
| --- | ---: |
${p.functions
  .map(f => `| \`${f.name}\` | ${(f.share * 100).toFixed(1)}% |`)
  .join('\n')}

| Total (inclusive) time of workspace functions | Share |
| --- | ---: |
${p.workspace
  .map(f => `| \`${f.name}\` | ${(f.share * 100).toFixed(1)}% |`)
  .join('\n')}
`,
  )
  .join('\n')}
`
    : '';
  const planRows = r.plans.map(
    p => `| ${p.name} | ${ms(p.time)} | ${firstNode(p.text)} |`,
  );
  return `# Benchmark results

## ai-components: list and search (\`bench/components/run.mjs\`)

**Overall: ${pass ? 'PASS' : 'FAIL'}** (targets below)

- Date: ${r.startedAt.toISOString()} (finished ${r.finishedAt.toISOString()})
- Machine: ${cpus.length} cores (${cpus[0]?.model ?? 'unknown CPU'}), ${(
    os.totalmem() /
    1024 ** 3
  ).toFixed(1)} GiB memory, ${os.type()} ${os.release()}
- Node ${process.version}; PostgreSQL ${
    r.plans.version ?? 'unknown'
  }; autocannon 8
- Code: ${gitState(repoRoot)}
- Command (from the repository root):

  \`\`\`sh
  ${command}
  \`\`\`

- Stack: the backend from source (\`packages/backend\`, NODE_ENV=production) with
  \`app-config.yaml\` + \`app-config.production.yaml\` + \`bench/components/app-config.bench.yaml\`
  (listen on 127.0.0.1): PostgreSQL at 127.0.0.1:5432, Redis cache and rate limiter (limit raised
  to 10^8/min since all load comes from one address), OIDC sign-in against a local provider,
  RBAC with \`bench/components/policy.csv\` and \`bench/components/conditional-policies.yaml\`
  (conditional policy loaded${
    r.rbacReloads
      ? ` only after ${r.rbacReloads} rewrite(s) of the file, see the notes`
      : ' at start-up'
  }).
  Load generator, backend, PostgreSQL and Redis share the machine.
- Load: autocannon, ${
    settings.connections
  } connections, keep-alive, no pipelining. Each scenario
  first gets a ${settings.warmupS} s warm-up (discarded), then ${
    settings.durationS
  } s measured as
  ${settings.rounds} slices of ${(settings.durationS / settings.rounds).toFixed(
    1,
  )} s, the scenarios
  interleaved round by round in the order of the table so that background work falls on all
  of them alike. The two "RBAC decision only" rows are informational (no target): the
  \`POST /api/permission/authorize\` call the list handler makes (authorizeConditional of
  \`ai-components.component.read\`), sent directly with the user's token. Percentiles are computed from every response
  time autocannon reported (nearest rank), over all rounds.

### Data set

- ${
    r.dataSet.total
  } components seeded through \`POST /api/ai-components/components\` with the
  static service token, ${
    settings.seedConcurrency
  } requests at a time: **${r.seedS.toFixed(1)} s**
  (${(r.dataSet.total / r.seedS).toFixed(0)} components/s).
- Types: ${Object.entries(r.dataSet.byType)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ')};
  ${OWNERS.length} owners (group:default/team-a, group:default/team-b and ${
    OWNERS.length - 2
  } more, uniform);
  1–4 tags from ${TAGS.length}; lifecycles ${LIFECYCLES.join(
    '/',
  )}; descriptions of 8–12 words
  from ${
    WORDS.length
  }; jsonata runtime (seeded PRNG: the same data every run). Plus the
  example catalog's AIComponents, mirrored into the registry as source=catalog.
- team-b owns ${r.dataSet.teamB} seeded components; "${SEARCH_WORD}" is in ${
    r.dataSet.withWord
  }
  descriptions (${r.dataSet.modelsWithWord} models, ${
    r.dataSet.teamBModelsWithWord
  } of them owned by team-b).
- The catalog module mirrors console components as AIComponent entities. The bench waited
  ${r.settleS.toFixed(0)} s after seeding for that first ingestion (${
    r.catalogSettled ? 'done' : 'NOT finished: timed out'
  }, ${r.catalogCount}
  entities); the catalog's periodic refresh keeps running during the scenarios.
- Users: **ada** (group ai-ops-admins, role admin: reads every component) and **bob**
  (group team-b, role team-b-reader: \`ai-components.component.read\` CONDITIONAL on IS_OWNER
  with \`$ownerRefs\`). Checked before measuring: list totalItems admin ${
    r.probes.adminList.totalItems
  },
  bob ${r.probes.bobList.totalItems}; search admin ${
    r.probes.adminSearch.totalItems
  }, bob ${r.probes.bobSearch.totalItems};
  every item bob got is owned by team-b.

### Results

Times in ms. "Matches" is the response's totalItems; "p95 per round" shows the spread.

| Scenario | Request | Matches | Requests | rps | p50 | p95 | p99 | max | p95 per round | Errors (non-2xx + socket) |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |
${latencyRows.join('\n')}

CPU during the measured slices: the machine's busy share, and cores used by the backend
process, all PostgreSQL processes, the load generator (this script, autocannon) and everything
else (Redis, the kernel, other people's builds and tests). A slice during which other processes
used more than ${maxOther().toFixed(
    2,
  )} cores was discarded and run again once the machine was quiet
(${r.discardedSlices} discarded in this run).

| Scenario | Machine busy | Backend (cores) | PostgreSQL (cores) | Load generator (cores) | Other (cores) |
| --- | ---: | ---: | ---: | ---: | ---: |
${cpuRows.join('\n')}

### Targets (${r.dataSet.total} components, ${
    settings.connections
  } concurrent clients)

| Target | Measured | Result |
| --- | --- | --- |
${r.targets
  .map(t => `| ${t.what} | ${t.value} | ${t.pass ? 'PASS' : 'FAIL'} |`)
  .join('\n')}

### Notes

${NOTES_PLACEHOLDER}

${profileSection}
### Query plans

\`EXPLAIN (ANALYZE, BUFFERS)\` of the SQL the store issues per list request (a page query of
limit + 1 rows and a count query, run in parallel), and of two queries the RBAC role manager
runs against the catalog database on each decision (the catalog's \`relations\` table held
${
  r.plans.catalogRelations ?? 'an unknown number of'
} rows), run once each, without load, right after the scenarios (after \`ANALYZE\`).

| Query | Execution time (ms) | Scan |
| --- | ---: | --- |
${planRows.join('\n')}

<details><summary>Full plans</summary>

${r.plans
  .map(
    p =>
      `#### ${p.name}\n\n\`\`\`sql\n${p.sql}\n\`\`\`\n\n\`\`\`\n${p.text}\n\`\`\``,
  )
  .join('\n\n')}

</details>
`.replace(NOTES_PLACEHOLDER, notesFor(r));
}

const NOTES_PLACEHOLDER = '<!-- notes -->';

function firstNode(text) {
  const lines = text.split('\n');
  // The first node that scans ai_components tells how rows are found.
  const scan = lines.find(l => /Scan/.test(l)) ?? lines[0];
  return scan
    .trim()
    .replace(/^->\s*/, '')
    .replace(/\s*\(cost=.*$/, '')
    .replace(/\|/g, '\\|');
}

/** Observations derived from the numbers of this run. */
function notesFor(r) {
  const {
    baseline: b,
    adminList: al,
    bobList: bl,
    adminSearch: as,
    bobSearch: bs,
  } = r.measured;
  const notes = [
    `- Baseline (\`/health\`: same authentication, rate limiter and HTTP stack; no permission check, no database): p95 ${ms(
      b.p95,
    )} ms at ${b.rps.toFixed(0)} rps. ` +
      `p95 above the baseline: admin list +${ms(
        al.p95 - b.p95,
      )}, bob list +${ms(bl.p95 - b.p95)}, admin search +${ms(
        as.p95 - b.p95,
      )}, bob search +${ms(bs.p95 - b.p95)} ms.`,
    `- Throughput: list admin ${al.rps.toFixed(0)} / bob ${bl.rps.toFixed(
      0,
    )} rps; search admin ${as.rps.toFixed(0)} / bob ${bs.rps.toFixed(0)} rps ` +
      `(baseline ${b.rps.toFixed(0)} rps). With ${
        settings.connections
      } closed-loop clients, mean latency ≈ ${
        settings.connections
      } / rps, so p95 tracks throughput.`,
    `- Backend CPU per request (backend cores / rps): baseline ${(
      (b.cpu.backend / b.rps) *
      1000
    ).toFixed(2)} ms, admin list ${((al.cpu.backend / al.rps) * 1000).toFixed(
      2,
    )} ms, ` +
      `bob list ${((bl.cpu.backend / bl.rps) * 1000).toFixed(
        2,
      )} ms, admin search ${((as.cpu.backend / as.rps) * 1000).toFixed(
        2,
      )} ms, bob search ${((bs.cpu.backend / bs.rps) * 1000).toFixed(2)} ms; ` +
      `PostgreSQL CPU per request: admin list ${(
        (al.cpu.postgres / al.rps) *
        1000
      ).toFixed(2)} ms, bob list ${((bl.cpu.postgres / bl.rps) * 1000).toFixed(
        2,
      )} ms, ` +
      `admin search ${((as.cpu.postgres / as.rps) * 1000).toFixed(
        2,
      )} ms, bob search ${((bs.cpu.postgres / bs.rps) * 1000).toFixed(2)} ms.`,
  ];
  const { adminDecision: ad, bobDecision: bd } = r.measured;
  if (ad && bd) {
    notes.push(
      `- The RBAC decision alone (\`POST /api/permission/authorize\`, informational): ada ${ad.rps.toFixed(
        0,
      )} rps, p95 ${ms(ad.p95)} ms, backend ${(
        (ad.cpu.backend / ad.rps) *
        1000
      ).toFixed(2)} ms CPU/request; ` +
        `bob ${bd.rps.toFixed(0)} rps, p95 ${ms(bd.p95)} ms, backend ${(
          (bd.cpu.backend / bd.rps) *
          1000
        ).toFixed(
          2,
        )} ms CPU/request. The list handler makes this call (plus a token exchange) before its SQL.`,
    );
  }
  const sqlMs = name =>
    r.plans
      .filter(p => p.name.startsWith(name) && !p.name.startsWith('RBAC'))
      .reduce((sum, p) => sum + (p.time || 0), 0);
  if (r.plans.length) {
    notes.push(
      `- SQL per request, single run without load (page + count): admin list ${ms(
        sqlMs('admin list'),
      )} ms, bob list ${ms(sqlMs('bob list'))} ms, ` +
        `admin search ${ms(sqlMs('admin search'))} ms, bob search ${ms(
          sqlMs('bob search'),
        )} ms (plans below).`,
    );
  }
  return notes.join('\n');
}

let exitCode = 1;
try {
  exitCode = (await main()) ? 0 : 1;
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);
