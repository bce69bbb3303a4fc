// Renders the Helm chart (deploy/helm/ai-ops-console) with `helm lint` and
// `helm template`, with the default values and with the split-capabilities
// values, and checks what it renders: kinds, required fields, probes on every
// container, no plaintext secrets, PodDisruptionBudgets, NetworkPolicies,
// the worker's HPA, non-root security contexts, and that the configuration,
// the environment, discovery and the ingress agree with one another.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import {
  chartDir,
  exec,
  helmPath,
  parseYamlDocuments,
  readYaml,
  repoRoot,
  undeclaredConfigPaths,
} from './lib.mjs';

const KUBE_VERSION = '1.31.0';
const RELEASE = 'aiops';
const splitValues = path.join(chartDir, 'ci/split-capabilities-values.yaml');
const secretLikeName = /PASSWORD|SECRET|TOKEN|KEY|CERT|_URL$/;
// Secret-like names that carry no secret: public URLs and a file path.
const notSecretEnv = new Set([
  'APP_BASE_URL',
  'BACKEND_BASE_URL',
  'OIDC_METADATA_URL',
  'NODE_EXTRA_CA_CERTS',
]);

let helm;
const renders = {};

async function template(args) {
  const result = await exec(helm, [
    'template',
    RELEASE,
    chartDir,
    '--namespace',
    'ai-ops',
    '--kube-version',
    KUBE_VERSION,
    ...args,
  ]);
  return result;
}

function render(args) {
  return template(args).then(result => {
    assert.equal(result.code, 0, `helm template failed:\n${result.stderr}`);
    return parseYamlDocuments(result.stdout, 'helm template output');
  });
}

const byKind = (docs, kind) => docs.filter(d => d.kind === kind);
const find = (docs, kind, name) =>
  docs.find(d => d.kind === kind && d.metadata.name === name);
const envOf = container =>
  Object.fromEntries((container.env ?? []).map(e => [e.name, e]));
const matches = (selector, labels) =>
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

before(async () => {
  helm = await helmPath();
  renders.default = await render([]);
  renders.split = await render(['-f', splitValues]);
});

describe('helm lint', () => {
  for (const [name, args] of [
    ['default values', []],
    ['split-capabilities values', ['-f', splitValues]],
  ]) {
    test(`passes with the ${name}`, async () => {
      const result = await exec(helm, [
        'lint',
        chartDir,
        '--strict',
        '--kube-version',
        KUBE_VERSION,
        ...args,
      ]);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /1 chart\(s\) linted, 0 chart\(s\) failed/);
    });
  }
});

for (const variant of ['default', 'split']) {
  describe(`helm template (${variant} values)`, () => {
    const docs = () => renders[variant];
    const deployments = () => byKind(docs(), 'Deployment');

    test('every object has apiVersion, kind, a valid name and the release labels', () => {
      assert.ok(docs().length > 10);
      for (const doc of docs()) {
        assert.ok(doc.apiVersion, `${doc.kind} has no apiVersion`);
        assert.ok(doc.kind);
        assert.match(
          doc.metadata?.name ?? '',
          /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
          `${doc.kind} name "${doc.metadata?.name}"`,
        );
        assert.equal(
          doc.metadata.labels?.['app.kubernetes.io/instance'],
          RELEASE,
        );
        assert.equal(
          doc.metadata.labels?.['app.kubernetes.io/name'],
          'ai-ops-console',
        );
      }
      const names = docs().map(d => `${d.kind}/${d.metadata.name}`);
      assert.equal(new Set(names).size, names.length, 'duplicate objects');
    });

    test('renders the expected kinds and never a Secret', () => {
      const kinds = new Set(docs().map(d => d.kind));
      for (const kind of [
        'ServiceAccount',
        'ConfigMap',
        'Deployment',
        'Service',
        'PodDisruptionBudget',
        'HorizontalPodAutoscaler',
        'NetworkPolicy',
        'Ingress',
      ]) {
        assert.ok(kinds.has(kind), `no ${kind}`);
      }
      assert.equal(
        byKind(docs(), 'Secret').length,
        0,
        'the chart must not render Secrets',
      );
      assert.ok(
        find(docs(), 'Deployment', `${RELEASE}-ai-ops-console-backend`),
      );
      assert.ok(find(docs(), 'Deployment', `${RELEASE}-ai-ops-console-worker`));
    });

    test('Deployments: selectors match their pods, and a Service and a PDB select them', () => {
      for (const d of deployments()) {
        const selector = d.spec.selector.matchLabels;
        assert.ok(Object.keys(selector).length >= 3, d.metadata.name);
        assert.ok(
          matches(selector, d.spec.template.metadata.labels),
          d.metadata.name,
        );
        const podLabels = d.spec.template.metadata.labels;
        const service = byKind(docs(), 'Service').find(s =>
          matches(s.spec.selector, podLabels),
        );
        assert.ok(service, `no Service selects ${d.metadata.name}`);
        const pdb = byKind(docs(), 'PodDisruptionBudget').find(p =>
          matches(p.spec.selector.matchLabels, podLabels),
        );
        assert.ok(pdb, `no PodDisruptionBudget for ${d.metadata.name}`);
        assert.ok(
          pdb.spec.minAvailable !== undefined ||
            pdb.spec.maxUnavailable !== undefined,
        );
        assert.equal(d.spec.strategy.rollingUpdate.maxUnavailable, 0);
        assert.ok(
          d.spec.template.metadata.annotations?.['checksum/app-config'],
          'pods restart when the configuration changes',
        );
      }
    });

    test('every container has an image, resources and startup, liveness and readiness probes on a declared port', () => {
      for (const d of deployments()) {
        const containers = [
          ...(d.spec.template.spec.initContainers ?? []),
          ...d.spec.template.spec.containers,
        ];
        assert.ok(containers.length > 0);
        for (const c of containers) {
          const where = `${d.metadata.name}/${c.name}`;
          assert.match(c.image, /^[^:\s]+:[^:\s]+$/, `${where} image`);
          assert.ok(c.resources?.requests?.cpu, `${where} cpu request`);
          assert.ok(c.resources?.requests?.memory, `${where} memory request`);
          assert.ok(c.resources?.limits?.memory, `${where} memory limit`);
          const portNames = new Set((c.ports ?? []).map(p => p.name));
          for (const probe of [
            'startupProbe',
            'livenessProbe',
            'readinessProbe',
          ]) {
            const p = c[probe];
            assert.ok(p?.httpGet, `${where} has no ${probe}`);
            assert.match(
              p.httpGet.path,
              /^\/\.backstage\/health\/v1\/(readiness|liveness)$/,
            );
            assert.ok(
              portNames.has(p.httpGet.port),
              `${where} ${probe} port ${p.httpGet.port}`,
            );
          }
          assert.equal(
            c.livenessProbe.httpGet.path,
            '/.backstage/health/v1/liveness',
          );
          assert.equal(
            c.readinessProbe.httpGet.path,
            '/.backstage/health/v1/readiness',
          );
        }
      }
    });

    test('pods run as non-root with a read-only root filesystem and no privileges', () => {
      for (const d of deployments()) {
        const pod = d.spec.template.spec;
        assert.equal(pod.automountServiceAccountToken, false);
        assert.equal(pod.securityContext.runAsNonRoot, true);
        assert.ok(pod.securityContext.runAsUser > 0);
        assert.equal(pod.securityContext.seccompProfile.type, 'RuntimeDefault');
        for (const c of pod.containers) {
          const sc = c.securityContext;
          assert.equal(sc.runAsNonRoot, true, c.name);
          assert.equal(sc.allowPrivilegeEscalation, false, c.name);
          assert.equal(sc.readOnlyRootFilesystem, true, c.name);
          assert.deepEqual(sc.capabilities.drop, ['ALL'], c.name);
          assert.notEqual(sc.privileged, true);
          // A writable /tmp for the read-only root filesystem.
          assert.ok(
            c.volumeMounts.some(m => m.mountPath === '/tmp'),
            c.name,
          );
        }
      }
    });

    test('no plaintext secrets: secret-like env vars come from secretKeyRef only', () => {
      let checked = 0;
      for (const d of deployments()) {
        for (const c of d.spec.template.spec.containers) {
          for (const e of c.env ?? []) {
            if (!secretLikeName.test(e.name) || notSecretEnv.has(e.name))
              continue;
            checked++;
            assert.equal(
              e.value,
              undefined,
              `${d.metadata.name}: ${e.name} has a plain value`,
            );
            assert.ok(e.valueFrom?.secretKeyRef?.name, `${e.name} secret name`);
            assert.ok(e.valueFrom.secretKeyRef.key, `${e.name} secret key`);
          }
          for (const from of c.envFrom ?? []) {
            assert.equal(
              from.configMapRef,
              undefined,
              'no env from ConfigMaps',
            );
          }
        }
      }
      assert.ok(checked >= 8, `only ${checked} secret env vars checked`);
    });

    test('the rendered app-config holds no secret values, only ${ENV} references', () => {
      const cm = find(
        docs(),
        'ConfigMap',
        `${RELEASE}-ai-ops-console-app-config`,
      );
      assert.ok(cm);
      const secretKey =
        /^(secret|password|apiKey|clientKey|clientCertificate|serverRootCACertificate|token|url)$/;
      const visit = (value, at) => {
        if (value && typeof value === 'object') {
          for (const [k, v] of Object.entries(value)) {
            if (
              secretKey.test(k) &&
              typeof v === 'string' &&
              !at.startsWith('discovery')
            ) {
              if (k === 'url' && !at.includes('rabbitmq')) continue;
              assert.match(
                v,
                /^\$\{[A-Z0-9_]+\}$/,
                `${at}.${k} must be an env reference`,
              );
            }
            visit(v, at ? `${at}.${k}` : k);
          }
        }
      };
      for (const [file, text] of Object.entries(cm.data)) {
        const config = parseYaml(text);
        assert.ok(config && typeof config === 'object', file);
        visit(config, '');
      }
    });

    test('the rendered app-config uses only keys the packages declare', () => {
      const cm = find(
        docs(),
        'ConfigMap',
        `${RELEASE}-ai-ops-console-app-config`,
      );
      for (const [file, text] of Object.entries(cm.data)) {
        if (file === 'app-config.extra.yaml') continue;
        assert.deepEqual(undeclaredConfigPaths(parseYaml(text)), [], file);
      }
    });

    test('every ${ENV} the configuration reads is set on every process that reads it', () => {
      const cm = find(
        docs(),
        'ConfigMap',
        `${RELEASE}-ai-ops-console-app-config`,
      );
      const production = fs.readFileSync(
        path.join(repoRoot, 'app-config.production.yaml'),
        'utf8',
      );
      const refs = text =>
        [...text.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map(m => m[1]);
      // The chart replaces aiComponents.secrets.keys (arrays replace).
      const replacedByChart = new Set([
        'AI_COMPONENTS_SECRET_KEY_ID',
        'AI_COMPONENTS_SECRET_KEY',
        // Optional: unset means the exact in-memory index; the chart writes
        // recommendations.weaviate itself when weaviate.httpUrl is set.
        'WEAVIATE_HTTP_URL',
        'WEAVIATE_GRPC_URL',
        'WEAVIATE_API_KEY',
      ]);
      for (const d of deployments()) {
        const c = d.spec.template.spec.containers[0];
        const env = envOf(c);
        const files = c.args
          .filter((_, i) => c.args[i - 1] === '--config')
          .filter(f => f.startsWith('/etc/ai-ops/config/'))
          .map(f => path.basename(f));
        assert.ok(files.includes('app-config.chart.yaml'));
        for (const file of files) {
          assert.ok(
            cm.data[file],
            `${d.metadata.name} reads ${file}, which the ConfigMap lacks`,
          );
          for (const name of refs(cm.data[file])) {
            assert.ok(
              env[name],
              `${d.metadata.name}: ${file} reads \${${name}}, not in env`,
            );
          }
        }
        for (const name of refs(production)) {
          if (replacedByChart.has(name)) continue;
          assert.ok(
            env[name],
            `${d.metadata.name}: app-config.production.yaml reads \${${name}}, not in env`,
          );
        }
        // The image's files come first, the chart's after them.
        assert.deepEqual(c.args.slice(0, 4), [
          '--config',
          'app-config.yaml',
          '--config',
          'app-config.production.yaml',
        ]);
        const mount = c.volumeMounts.find(m => m.name === 'app-config');
        assert.equal(mount.mountPath, '/etc/ai-ops/config');
        assert.ok(
          d.spec.template.spec.volumes.some(
            v => v.configMap?.name === cm.metadata.name,
          ),
        );
      }
    });

    test('the worker scales on CPU and on the task-queue backlog', () => {
      const worker = `${RELEASE}-ai-ops-console-worker`;
      const hpa = byKind(docs(), 'HorizontalPodAutoscaler').find(
        h => h.spec.scaleTargetRef.name === worker,
      );
      assert.ok(hpa, 'no HPA for the worker');
      assert.equal(hpa.apiVersion, 'autoscaling/v2');
      assert.equal(hpa.spec.scaleTargetRef.kind, 'Deployment');
      assert.ok(
        hpa.spec.minReplicas >= 1 &&
          hpa.spec.maxReplicas > hpa.spec.minReplicas,
      );
      const cpu = hpa.spec.metrics.find(
        m => m.type === 'Resource' && m.resource.name === 'cpu',
      );
      assert.ok(cpu?.resource.target.averageUtilization > 0);
      const backlog = hpa.spec.metrics.find(m => m.type === 'External');
      assert.ok(backlog, 'no backlog metric');
      assert.equal(backlog.external.metric.name, 'temporal_task_queue_backlog');
      assert.equal(
        backlog.external.metric.selector.matchLabels.task_queue,
        'ai-ops-executions',
      );
      assert.equal(backlog.external.target.type, 'AverageValue');
      assert.ok(hpa.spec.behavior.scaleDown.stabilizationWindowSeconds >= 60);
      // An HPA owns the replica count.
      const d = find(docs(), 'Deployment', worker);
      assert.equal(d.spec.replicas, undefined);
      assert.ok(d.spec.template.spec.terminationGracePeriodSeconds >= 60);
    });

    test('NetworkPolicies: default deny, then ingress and egress for the release', () => {
      const policies = byKind(docs(), 'NetworkPolicy');
      assert.ok(policies.length >= 3);
      const deny = policies.find(p => p.metadata.name.endsWith('default-deny'));
      assert.ok(deny);
      assert.deepEqual(deny.spec.policyTypes.sort(), ['Egress', 'Ingress']);
      assert.equal(deny.spec.ingress, undefined);
      assert.equal(deny.spec.egress, undefined);
      const ingress = policies.find(p => p.spec.ingress);
      const egress = policies.find(p => p.spec.egress);
      assert.ok(ingress && egress);
      for (const p of policies) {
        assert.equal(
          p.spec.podSelector.matchLabels['app.kubernetes.io/instance'],
          RELEASE,
        );
      }
      // DNS is allowed.
      assert.ok(
        egress.spec.egress.some(r => r.ports?.some(p => p.port === 53)),
      );
      // Every Deployment's pods are selected.
      for (const d of deployments()) {
        assert.ok(
          matches(
            deny.spec.podSelector.matchLabels,
            d.spec.template.metadata.labels,
          ),
        );
      }
    });

    test('the ingress terminates TLS and sends each path to an existing Service port', () => {
      const [ingress] = byKind(docs(), 'Ingress');
      assert.ok(ingress.spec.tls?.[0]?.secretName);
      assert.deepEqual(ingress.spec.tls[0].hosts, [ingress.spec.rules[0].host]);
      for (const p of ingress.spec.rules[0].http.paths) {
        const svc = find(docs(), 'Service', p.backend.service.name);
        assert.ok(svc, `ingress path ${p.path} -> missing Service`);
        assert.ok(
          svc.spec.ports.some(
            port => port.name === p.backend.service.port.name,
          ),
        );
      }
    });
  });
}

describe('split capability backends', () => {
  const docs = () => renders.split;
  const cm = () =>
    find(docs(), 'ConfigMap', `${RELEASE}-ai-ops-console-app-config`);
  const values = readYaml(splitValues);
  const split = values.split.capabilities.map(c => c.name);

  test('each split capability gets a Deployment, Service, PDB, its features and discovery', () => {
    assert.ok(split.length >= 2);
    const chartConfig = parseYaml(cm().data['app-config.chart.yaml']);
    const endpoints = chartConfig.discovery.endpoints;
    for (const name of split) {
      const full = `${RELEASE}-ai-ops-console-${name}`;
      const d = find(docs(), 'Deployment', full);
      assert.ok(d, `no Deployment for ${name}`);
      assert.ok(find(docs(), 'Service', full));
      assert.ok(find(docs(), 'PodDisruptionBudget', full));
      const args = d.spec.template.spec.containers[0].args;
      assert.ok(args.includes(`/etc/ai-ops/config/app-config.${name}.yaml`));
      const own = parseYaml(cm().data[`app-config.${name}.yaml`]);
      assert.deepEqual(own.aiOps.backend.features, [name]);
      const endpoint = endpoints.find(e => e.plugins.includes(name));
      assert.equal(
        endpoint.target.internal,
        `http://${full}:7007/api/{{pluginId}}`,
      );
      assert.equal(
        endpoint.target.external,
        `${values.console.baseUrl}/api/{{pluginId}}`,
      );
    }
    const backendFeatures = parseYaml(cm().data['app-config.backend.yaml'])
      .aiOps.backend.features;
    assert.ok(backendFeatures.includes('core'));
    for (const name of split) assert.ok(!backendFeatures.includes(name), name);
    // Every plugin id has exactly one home.
    const all = endpoints.flatMap(e => e.plugins);
    assert.equal(new Set(all).size, all.length);
    for (const id of [
      'auth',
      'catalog',
      'permission',
      'signals',
      'ai-components',
      'workflows',
      'executions',
      'recommendations',
    ]) {
      assert.ok(all.includes(id), id);
    }
  });

  test('the ingress routes /api/<capability> to the split Deployments', () => {
    const [ingress] = byKind(docs(), 'Ingress');
    for (const name of split) {
      const p = ingress.spec.rules[0].http.paths.find(
        x => x.path === `/api/${name}`,
      );
      assert.equal(
        p?.backend.service.name,
        `${RELEASE}-ai-ops-console-${name}`,
      );
    }
    assert.equal(ingress.spec.rules[0].http.paths.at(-1).path, '/');
  });

  test('the feature groups the chart selects exist in packages/backend/src/features.ts', () => {
    const features = fs.readFileSync(
      path.join(repoRoot, 'packages/backend/src/features.ts'),
      'utf8',
    );
    for (const name of [
      'core',
      'ai-components',
      'workflows',
      'executions',
      'recommendations',
    ]) {
      assert.match(features, new RegExp(`['"]?${name}['"]?: \\(\\) =>`), name);
    }
  });

  test('monitoring: ServiceMonitors, the PrometheusRule with the budget, dashboards', () => {
    for (const sm of byKind(docs(), 'ServiceMonitor')) {
      const svc = byKind(docs(), 'Service').find(s =>
        matches(sm.spec.selector.matchLabels, s.metadata.labels),
      );
      assert.ok(svc, `ServiceMonitor ${sm.metadata.name} selects no Service`);
      for (const ep of sm.spec.endpoints) {
        assert.ok(
          svc.spec.ports.some(p => p.name === ep.port),
          `${sm.metadata.name}: port ${ep.port}`,
        );
      }
      assert.equal(sm.metadata.labels.release, 'kube-prometheus-stack');
    }
    assert.equal(byKind(docs(), 'ServiceMonitor').length, 2 + split.length);
    const [rule] = byKind(docs(), 'PrometheusRule');
    const source = readYaml(
      path.join(repoRoot, 'deploy/prometheus/rules/ai-ops-alerts.yml'),
    );
    const alerts = g => g.flatMap(x => x.rules.map(r => r.alert ?? r.record));
    assert.deepEqual(alerts(rule.spec.groups), alerts(source.groups));
    const budget = rule.spec.groups
      .flatMap(g => g.rules)
      .find(r => r.record === 'aiops:cost_budget_usd_per_hour');
    assert.equal(
      budget.expr,
      `vector(${values.prometheusRule.monthlyBudgetUsd}) / 730`,
    );
    const dashboards = byKind(docs(), 'ConfigMap').filter(
      c => c.metadata.labels.grafana_dashboard === '1',
    );
    assert.equal(dashboards.length, 3);
    for (const d of dashboards) {
      for (const json of Object.values(d.data)) assert.ok(JSON.parse(json).uid);
    }
  });

  test('options reach the configuration: Postgres TLS, Temporal mTLS, Weaviate, embeddings, extra CA', () => {
    const chartConfig = parseYaml(cm().data['app-config.chart.yaml']);
    assert.deepEqual(chartConfig.backend.database.connection.ssl, {
      rejectUnauthorized: true,
    });
    assert.equal(
      chartConfig.temporal.tls.clientCertificate,
      '${TEMPORAL_CLIENT_CERT}',
    );
    assert.equal(
      chartConfig.temporal.tls.serverName,
      'ai-ops.a1b2c.tmprl.cloud',
    );
    assert.equal(
      chartConfig.recommendations.weaviate.apiKey,
      '${WEAVIATE_API_KEY}',
    );
    assert.equal(
      chartConfig.recommendations.embeddings.openai.apiKey,
      '${EMBEDDINGS_API_KEY}',
    );
    assert.deepEqual(
      chartConfig.aiComponents.secrets.keys.map(k => k.id),
      ['key-2026-11', 'key-2026-05'],
    );
    for (const d of byKind(docs(), 'Deployment')) {
      const env = envOf(d.spec.template.spec.containers[0]);
      assert.equal(env.NODE_EXTRA_CA_CERTS.value, '/etc/ai-ops/ca/ca.crt');
      assert.equal(
        env.AI_COMPONENTS_SECRET_KEY_1.valueFrom.secretKeyRef.key,
        'AI_COMPONENTS_SECRET_KEY_2026_05',
      );
    }
    assert.ok(
      cm().data['app-config.extra.yaml'].includes('llama-3.1-70b-instruct'),
    );
  });
});

describe('chart input checks', () => {
  test('an unknown split capability fails with a message naming it', async () => {
    const result = await template([
      '--set',
      'split.capabilities[0].name=billing',
    ]);
    assert.notEqual(result.code, 0);
    assert.match(
      result.stderr,
      /split\.capabilities: "billing" is not a capability/,
    );
  });

  test('an unknown PostgreSQL sslMode fails with a message naming the field', async () => {
    const result = await template(['--set', 'postgresql.sslMode=prefer']);
    assert.notEqual(result.code, 0);
    assert.match(
      result.stderr,
      /postgresql\.sslMode must be disable, require or verify-full/,
    );
  });

  test('a missing Secret name fails instead of rendering an empty secretKeyRef', async () => {
    const result = await template(['--set', 'postgresql.existingSecret=']);
    assert.notEqual(result.code, 0);
    assert.match(
      result.stderr,
      /a Secret name is required for POSTGRES_PASSWORD/,
    );
  });
});
