#!/usr/bin/env node
// Recommendations benchmark: with 20,000 synthetic components in a real
// Weaviate (scripts/services/weaviate.sh), measures
//  1. recall@10 of Weaviate's approximate (HNSW) index against the exact
//     in-memory k-NN over the same vectors (target >= 0.95), and
//  2. the p99 latency of the console's similar-components ranking
//     (recommendations-backend `similarComponents`: Weaviate nearObject for
//     40 candidates + re-ranking by type, tags, workflow usage, quality, cost
//     and latency) against a direct weaviate-client nearObject query for 10
//     neighbours, interleaved in the same run (target: console <= 2x direct).
// Writes the "## Recommendations" section of bench/results.md (other sections
// are kept) and exits non-zero when a target fails.
//
//   source scripts/toolchain.sh && node bench/recommendations/run.mjs
//
// Options (environment): BENCH_COMPONENTS (20000), BENCH_QUERIES (1000),
// BENCH_RECALL_QUERIES (500), WEAVIATE_HTTP_PORT / WEAVIATE_GRPC_PORT.
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const require = createRequire(path.join(root, 'package.json'));

// The product code is TypeScript: re-run under Backstage's Node transform.
const transform = require.resolve('@backstage/cli/config/nodeTransform.cjs');
if (!process.execArgv.some(a => a.includes('nodeTransform'))) {
  const child = spawnSync(
    process.execPath,
    [
      '--require',
      transform,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', cwd: root },
  );
  process.exit(child.status ?? 1);
}

const node = require(path.join(
  root,
  'plugins/recommendations/recommendations-node/src/index.ts',
));
const { RecommendationIndex } = require(path.join(
  root,
  'plugins/recommendations/recommendations-backend/src/service/RecommendationIndex.ts',
));
const { similarComponents } = require(path.join(
  root,
  'plugins/recommendations/recommendations-backend/src/service/ranking.ts',
));
const { generateUuid5 } = require('weaviate-client');

const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 20000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
const RECALL_QUERIES = Number(process.env.BENCH_RECALL_QUERIES ?? 500);
const WORKFLOWS = Math.round(COMPONENTS / 20);
const httpPort = process.env.WEAVIATE_HTTP_PORT ?? '8079';
const grpcPort = process.env.WEAVIATE_GRPC_PORT ?? '50051';
const weaviateScript = path.join(root, 'scripts/services/weaviate.sh');

// ---------------------------------------------------------------- data set
let seed = 42;
const random = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = list => list[Math.floor(random() * list.length)];
const TYPES = ['model', 'prompt', 'tool', 'agent', 'dataset', 'evaluator'];
const VERBS =
  'summarize classify translate extract answer search rank review score route generate detect transcribe embed validate redact'.split(
    ' ',
  );
const OBJECTS =
  'tickets emails invoices contracts calls meetings logs incidents code documents questions images receipts orders reviews policies transcripts queries'.split(
    ' ',
  );
const DOMAINS =
  'support billing legal finance engineering sales marketing hr security analytics commerce operations'.split(
    ' ',
  );
const VENDORS =
  'openai anthropic azure mistral google self-hosted ollama vllm cohere bedrock'.split(
    ' ',
  );
const ADJ =
  'fast cheap accurate multilingual long-context small large streaming batch private'.split(
    ' ',
  );
const TAGS = [
  ...DOMAINS,
  ...VENDORS,
  'production',
  'experimental',
  'rag',
  'agents',
  'evaluation',
];

function syntheticComponents() {
  return Array.from({ length: COMPONENTS }, (_, i) => {
    const type = TYPES[i % TYPES.length];
    const verb = pick(VERBS);
    const object = pick(OBJECTS);
    const domain = pick(DOMAINS);
    const vendor = pick(VENDORS);
    const name = `${verb}-${object}-${i}`;
    return {
      ref: `aicomponent:default/${name}`,
      namespace: 'default',
      name,
      title: `${verb} ${object} (${vendor})`,
      description: `A ${pick(
        ADJ,
      )} ${type} that can ${verb} ${object} for the ${domain} team, ${pick(
        ADJ,
      )} and ${pick(ADJ)}; ${pick(VERBS)} ${pick(OBJECTS)} too.`,
      type,
      owner: `group:default/team-${i % 40}`,
      tags: [...new Set([domain, vendor, pick(TAGS)])],
      runtimeType: type === 'model' ? 'openai-chat' : 'http',
      inputSchema: {
        type: 'object',
        properties: { [pick(OBJECTS)]: { type: 'string' } },
      },
      outputSchema: {
        type: 'object',
        properties: { [pick(OBJECTS)]: { type: 'string' } },
      },
      stamp: '1',
    };
  });
}

function syntheticWorkflows(components) {
  return Array.from({ length: WORKFLOWS }, (_, i) => {
    const steps = Array.from({ length: 3 + (i % 3) }, (_, j) => ({
      id: `s${j}`,
      component: pick(components).ref,
      needs: j ? [`s${j - 1}`] : [],
    }));
    return {
      ref: `aiworkflow:default/flow-${i}`,
      namespace: 'default',
      name: `flow-${i}`,
      title: `Flow ${i}`,
      description: `${pick(VERBS)} ${pick(OBJECTS)} for ${pick(DOMAINS)}`,
      owner: `group:default/team-${i % 40}`,
      tags: [pick(DOMAINS)],
      steps,
      stamp: '1',
    };
  });
}

// ------------------------------------------------------------- measurement
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
};
const fmt = n => n.toFixed(2);
const logger = {
  info: () => {},
  warn: m => console.warn(m),
  error: m => console.error(m),
  debug: () => {},
  child() {
    return this;
  },
};

async function main() {
  const started = new Date();
  let startedWeaviate = false;
  if (spawnSync('bash', [weaviateScript, 'status']).status !== 0) {
    startedWeaviate = true;
  }
  execFileSync('bash', [weaviateScript, 'start'], { stdio: 'inherit' });
  const stopWeaviate = () => {
    if (startedWeaviate)
      execFileSync('bash', [weaviateScript, 'stop'], { stdio: 'inherit' });
  };

  const client = await node.connectWeaviate({
    httpUrl: `http://127.0.0.1:${httpPort}`,
    grpcUrl: `127.0.0.1:${grpcPort}`,
  });
  const prefix = `AiOpsBench${crypto.randomBytes(3).toString('hex')}`;
  const cleanup = async () => {
    for (const a of (await client.alias.listAll()) ?? []) {
      if (a.alias === prefix) await client.alias.delete(prefix);
    }
    for (const c of await client.collections.listAll()) {
      if (c.name.startsWith(prefix)) await client.collections.delete(c.name);
    }
  };
  try {
    const meta = await client.getMeta();
    const components = syntheticComponents();
    const workflows = syntheticWorkflows(components);
    const sources = {
      listComponents: async () =>
        components.map(c => ({
          ref: c.ref,
          namespace: c.namespace,
          name: c.name,
          stamp: c.stamp,
        })),
      getComponent: async l => components[Number(l.name.split('-').pop())],
      listWorkflows: async () =>
        workflows.map(w => ({
          ref: w.ref,
          namespace: w.namespace,
          name: w.name,
          stamp: w.stamp,
        })),
      getWorkflow: async l => workflows[Number(l.name.split('-').pop())],
      listSucceededRuns: async () => [],
      getRun: async () => {
        throw new Error('no runs');
      },
    };
    const embedder = new node.HashingEmbedder();
    const space = await node.embeddingSpaceOf(embedder);
    const collectionName = node.WeaviateVectorIndex.collectionName(
      prefix,
      space,
    );
    const collections = new node.WeaviateCollections(client, prefix);
    const weaviateIndex = new node.WeaviateVectorIndex(client, collectionName);
    const index = new RecommendationIndex({
      sources,
      embedder,
      writeIndex: weaviateIndex,
      logger,
      onBuilt: () => collections.switchTo(collectionName).then(),
    });
    console.log(
      `indexing ${COMPONENTS} components and ${WORKFLOWS} workflows into Weaviate ${meta.version} (${collectionName})`,
    );
    const indexStart = performance.now();
    const sync = await index.sync();
    const indexSeconds = (performance.now() - indexStart) / 1000;
    console.log(
      `indexed: ${sync.embedded} documents in ${indexSeconds.toFixed(1)} s`,
    );
    const resync = await index.sync();

    // The exact ground truth over the very same vectors (components and workflows).
    const documents = require(path.join(
      root,
      'plugins/recommendations/recommendations-backend/src/service/documents.ts',
    ));
    const exact = new node.InMemoryVectorIndex();
    const vectors = new Map();
    for (const c of components)
      vectors.set(c.ref, embedder.embedOne(documents.componentText(c)));
    for (const w of workflows)
      vectors.set(w.ref, embedder.embedOne(documents.workflowText(w)));
    await exact.upsert(
      [...vectors].map(([ref, vector]) => ({
        ref,
        kind: ref.startsWith('aiworkflow:') ? 'workflow' : 'component',
        namespace: 'default',
        name: ref,
        tags: [],
        text: '',
        contentHash: '',
        vector,
      })),
    );
    const overlap = (truth, got) => truth.filter(r => got.has(r)).length;

    // 1. recall@10 of the HNSW graph: unfiltered queries (a filter matching
    // fewer than flatSearchCutoff = 40,000 objects makes Weaviate search
    // exactly, which would not measure the graph).
    const recallRefs = Array.from(
      { length: RECALL_QUERIES },
      () => pick(components).ref,
    );
    let found = 0;
    let expected = 0;
    let filteredFound = 0;
    for (const ref of recallRefs) {
      const truth = exact
        .nearVectorSync(vectors.get(ref), { limit: 11 })
        .map(h => h.document.ref)
        .filter(r => r !== ref)
        .slice(0, 10);
      const got = new Set(
        (await weaviateIndex.nearVector(vectors.get(ref), { limit: 11 }))
          .map(h => h.document.ref)
          .filter(r => r !== ref)
          .slice(0, 10),
      );
      found += overlap(truth, got);
      expected += truth.length;
      // As the console asks: nearObject, components only, the source left out.
      const truthComponents = exact
        .nearVectorSync(vectors.get(ref), {
          limit: 10,
          filter: { kind: 'component', excludeRefs: [ref] },
        })
        .map(h => h.document.ref);
      const gotComponents = new Set(
        (
          await weaviateIndex.nearDocument(ref, {
            limit: 10,
            filter: { kind: 'component' },
          })
        ).map(h => h.document.ref),
      );
      filteredFound += overlap(truthComponents, gotComponents);
    }
    const recall = found / expected;
    const filteredRecall = filteredFound / (recallRefs.length * 10);
    let textFound = 0;
    const textQueries = Array.from(
      { length: RECALL_QUERIES },
      () => `${pick(VERBS)} ${pick(OBJECTS)} ${pick(DOMAINS)}`,
    );
    for (const q of textQueries) {
      const v = embedder.embedOne(q);
      const truth = exact
        .nearVectorSync(v, { limit: 10 })
        .map(h => h.document.ref);
      const got = new Set(
        (await weaviateIndex.nearVector(v, { limit: 10 })).map(
          h => h.document.ref,
        ),
      );
      textFound += overlap(truth, got);
    }
    const textRecall = textFound / (textQueries.length * 10);
    console.log(
      `recall@10: HNSW ${recall.toFixed(
        4,
      )} (component vectors), ${textRecall.toFixed(
        4,
      )} (text queries); console's filtered query ${filteredRecall.toFixed(4)}`,
    );

    // 2. latency, console vs direct, interleaved.
    const collection = client.collections.use(collectionName);
    const direct = ref =>
      collection.query.nearObject(generateUuid5(ref), {
        limit: 10,
        returnMetadata: ['distance'],
      });
    const consolePath = ref => similarComponents(index, ref, {});
    const queryRefs = Array.from(
      { length: QUERIES },
      () => pick(components).ref,
    );
    for (const ref of queryRefs.slice(0, 100)) {
      await direct(ref);
      await consolePath(ref);
    }
    const times = { console: [], direct: [] };
    let resultCount = 0;
    for (let i = 0; i < queryRefs.length; i++) {
      const order = i % 2 ? ['direct', 'console'] : ['console', 'direct'];
      for (const which of order) {
        const t0 = performance.now();
        const result =
          which === 'console'
            ? await consolePath(queryRefs[i])
            : await direct(queryRefs[i]);
        times[which].push(performance.now() - t0);
        if (which === 'console') resultCount += Math.min(result.length, 10);
      }
    }
    const stats = Object.fromEntries(
      Object.entries(times).map(([k, v]) => [
        k,
        {
          p50: percentile(v, 50),
          p95: percentile(v, 95),
          p99: percentile(v, 99),
          max: Math.max(...v),
        },
      ]),
    );
    const ratio = stats.console.p99 / stats.direct.p99;
    console.log(
      `console ${JSON.stringify(stats.console)}, direct ${JSON.stringify(
        stats.direct,
      )}, p99 ratio ${ratio.toFixed(2)}`,
    );

    const pass = { recall: recall >= 0.95, latency: ratio <= 2 };
    const overall = pass.recall && pass.latency;
    let commit = 'unknown';
    try {
      commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
        cwd: root,
      })
        .toString()
        .trim();
    } catch {}
    const section = `## Recommendations: Weaviate recall and similar-components latency (\`bench/recommendations/run.mjs\`)

**Overall: ${
      overall ? 'PASS' : 'FAIL'
    }** (targets: recall@10 >= 0.95; console p99 <= 2x direct p99)

- Date: ${started.toISOString()} (finished ${new Date().toISOString()})
- Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(
      os.totalmem() /
      2 ** 30
    ).toFixed(1)} GiB memory
- Node ${process.version}; Weaviate ${
      meta.version
    } (built by \`scripts/services/weaviate.sh\`, single node, HNSW cosine, ef 256, efConstruction 128, maxConnections 32); weaviate-client ${
      JSON.parse(
        fs.readFileSync(
          path.join(root, 'node_modules/weaviate-client/package.json'),
          'utf8',
        ),
      ).version
    }
- Code: ${commit}
- Command (from the repository root):

  \`\`\`sh
  source scripts/toolchain.sh && node bench/recommendations/run.mjs
  \`\`\`

### Data set

- ${COMPONENTS} synthetic components (six types in turn; titles and descriptions from
  ${VERBS.length} verbs x ${OBJECTS.length} objects x ${
      DOMAINS.length
    } domains x ${
      VENDORS.length
    } vendors, 1-3 tags, seeded PRNG: the same data every run)
  and ${WORKFLOWS} synthetic workflows of 3-5 steps (so the usage signals have work to do).
- Embedder: the built-in \`hashing-v1\`, ${space.dimensions} dimensions.
- Indexed through the console's own sync (\`RecommendationIndex.sync\`: embed + batch upsert):
  **${indexSeconds.toFixed(1)} s** for ${
      sync.embedded
    } documents; a second sync re-embedded ${resync.embedded} (idempotent).

### Recall@10 (Weaviate HNSW vs exact k-NN over the same vectors)

| Queries | Recall@10 | Target | Result |
| --- | ---: | ---: | --- |
| ${RECALL_QUERIES} random components' vectors, unfiltered \`nearVector\` (the HNSW graph), the component itself left out | **${recall.toFixed(
      4,
    )}** | >= 0.95 | ${pass.recall ? 'PASS' : 'FAIL'} |
| ${RECALL_QUERIES} free-text query vectors, unfiltered (informational) | ${textRecall.toFixed(
      4,
    )} | - | - |
| the same ${RECALL_QUERIES} components as the console asks: \`nearObject\`, filtered to components (informational; Weaviate answers filters matching fewer than \`flatSearchCutoff\` = 40,000 objects by an exact flat search) | ${filteredRecall.toFixed(
      4,
    )} | - | - |

Ground truth: the exact in-memory index (\`InMemoryVectorIndex\`) over the same
${COMPONENTS + WORKFLOWS} vectors.

### Similar-components latency

${QUERIES} random components, sequential, one client; the two paths interleaved (alternating
which goes first) after 100 warm-up pairs. Times in ms.

| Path | What it does | p50 | p95 | p99 | max |
| --- | --- | ---: | ---: | ---: | ---: |
| direct weaviate-client (baseline) | \`collection.query.nearObject(uuid, { limit: 10 })\` | ${fmt(
      stats.direct.p50,
    )} | ${fmt(stats.direct.p95)} | **${fmt(stats.direct.p99)}** | ${fmt(
      stats.direct.max,
    )} |
| console | \`similarComponents(index, ref)\`: nearObject for 40 candidates, re-ranked by type, tags, workflow context, quality, cost and latency, with reasons | ${fmt(
      stats.console.p50,
    )} | ${fmt(stats.console.p95)} | **${fmt(stats.console.p99)}** | ${fmt(
      stats.console.max,
    )} |

Console p99 / direct p99 = **${ratio.toFixed(2)}** (target <= 2): ${
      pass.latency ? 'PASS' : 'FAIL'
    }.
The console path is measured in process (the ranking the API handler calls); the HTTP
layer, authentication and the per-result permission check of the API are not included.
`;
    const resultsFile = path.join(root, 'bench/results.md');
    const current = fs.existsSync(resultsFile)
      ? fs.readFileSync(resultsFile, 'utf8')
      : '# Benchmark results\n';
    const start = current.indexOf('## Recommendations');
    let next;
    if (start >= 0) {
      const after = current.indexOf('\n## ', start + 1);
      next =
        current.slice(0, start) +
        section +
        (after >= 0 ? current.slice(after + 1) : '');
    } else {
      next = `${current.trimEnd()}\n\n${section}`;
    }
    fs.writeFileSync(resultsFile, next);
    execFileSync(
      process.execPath,
      [require.resolve('prettier/bin-prettier.js'), '--write', resultsFile],
      { cwd: root, stdio: 'ignore' },
    );
    console.log(section);
    process.exitCode = overall ? 0 : 1;
  } finally {
    await cleanup().catch(e => console.warn(`cleanup: ${e}`));
    await client.close();
    stopWeaviate();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
