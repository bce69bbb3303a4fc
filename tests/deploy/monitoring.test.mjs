// Checks the Prometheus scrape config and alert rules and the Grafana
// dashboards and provisioning: they parse, every query reads only metrics
// the console exports (see lib.mjs), every alert is documented.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  deployDir,
  knownMetricNames,
  metricNamesIn,
  readYaml,
  repoRoot,
} from './lib.mjs';

const rulesFile = path.join(deployDir, 'prometheus/rules/ai-ops-alerts.yml');
const rules = readYaml(rulesFile);
const allRules = rules.groups.flatMap(g => g.rules);
const recorded = new Set(allRules.filter(r => r.record).map(r => r.record));
const allowed = name => knownMetricNames.has(name) || recorded.has(name);
const dashboardsDir = path.join(deployDir, 'grafana/dashboards');
const dashboards = fs
  .readdirSync(dashboardsDir)
  .filter(f => f.endsWith('.json'))
  .map(f => ({
    file: f,
    json: JSON.parse(fs.readFileSync(path.join(dashboardsDir, f), 'utf8')),
  }));

describe('metric name extraction', () => {
  test('finds metric names and skips functions, labels, keywords and durations', () => {
    assert.deepEqual(
      metricNamesIn(
        'sum by (service, le) (rate(aiops_http_request_duration_seconds_bucket{route!~"x"}[5m])) > 1.5e-3 and on (service) up offset 1d',
      ),
      ['aiops_http_request_duration_seconds_bucket', 'up'],
    );
    assert.deepEqual(
      metricNamesIn(
        'aiops:cost_usd_per_hour:rate1h > 10 * on () group_left aiops:x',
      ),
      ['aiops:cost_usd_per_hour:rate1h', 'aiops:x'],
    );
    assert.deepEqual(metricNamesIn('aiops_tokns_total'), ['aiops_tokns_total']);
  });
});

describe('Prometheus alert rules', () => {
  test('every rule is a well-formed alert or recording rule', () => {
    assert.ok(allRules.length >= 10);
    for (const r of allRules) {
      assert.ok(Boolean(r.alert) !== Boolean(r.record), JSON.stringify(r));
      assert.ok(
        typeof r.expr === 'string' && r.expr.trim(),
        r.alert ?? r.record,
      );
      if (r.alert) {
        assert.match(r.alert, /^AiOps[A-Za-z]+$/);
        assert.ok(
          ['critical', 'warning', 'info'].includes(r.labels?.severity),
          `${r.alert} severity`,
        );
        assert.ok(r.annotations?.summary, `${r.alert} summary`);
        if (r.for) assert.match(r.for, /^\d+[smh]$/);
        // Balanced parentheses and braces: a cheap PromQL syntax check.
        for (const [open, close] of [
          ['(', ')'],
          ['{', '}'],
          ['[', ']'],
        ]) {
          assert.equal(
            r.expr.split(open).length,
            r.expr.split(close).length,
            `${r.alert}: ${open}${close}`,
          );
        }
      } else {
        assert.match(r.record, /^aiops:[a-z0-9_:]+$/);
      }
    }
    const names = allRules.map(r => r.alert ?? r.record);
    assert.equal(new Set(names).size, names.length, 'duplicate rule names');
  });

  test('the alerts cover error rate, latency, budget burn and outbox lag', () => {
    const exprs = allRules
      .filter(r => r.alert)
      .map(r => r.expr)
      .join('\n');
    for (const metric of [
      'aiops:http_error_ratio:rate5m',
      'aiops_http_request_duration_seconds_bucket',
      'aiops:cost_budget_usd_per_hour',
      'aiops_outbox_lag_seconds',
      'aiops_executions_finished_total',
      'temporal_activity_schedule_to_start_latency_bucket',
    ]) {
      assert.ok(exprs.includes(metric), `no alert reads ${metric}`);
    }
  });

  test('rules read only metrics the console exports (or rules recorded here)', () => {
    for (const r of allRules) {
      for (const name of metricNamesIn(r.expr)) {
        assert.ok(
          allowed(name),
          `${r.alert ?? r.record} reads unknown metric ${name}`,
        );
      }
    }
  });

  test('every alert is explained in docs/operations.md', () => {
    const doc = fs.readFileSync(
      path.join(repoRoot, 'docs/operations.md'),
      'utf8',
    );
    for (const r of allRules.filter(x => x.alert)) {
      assert.ok(
        doc.includes(r.alert),
        `${r.alert} is not in docs/operations.md`,
      );
    }
  });

  test('the compose Prometheus scrapes the console, the worker and the Temporal SDK ports and loads the rules', () => {
    const config = readYaml(path.join(deployDir, 'prometheus/prometheus.yml'));
    assert.deepEqual(config.rule_files, ['/etc/prometheus/rules/*.yml']);
    const targets = config.scrape_configs.flatMap(s =>
      s.static_configs.flatMap(c => c.targets),
    );
    for (const t of ['console:9464', 'worker:9465', 'worker:9466']) {
      assert.ok(targets.includes(t), t);
    }
    const jobs = config.scrape_configs.map(s => s.job_name);
    const down = allRules.find(r => r.alert === 'AiOpsTargetDown');
    const pattern = new RegExp(`^${down.expr.match(/job=~"([^"]+)"/)[1]}$`);
    assert.ok(
      jobs.filter(j => pattern.test(j)).length >= 3,
      'AiOpsTargetDown must cover the console jobs',
    );
  });
});

describe('Grafana', () => {
  test('three dashboards (executions, components, cost) with unique uids', () => {
    const uids = dashboards.map(d => d.json.uid);
    assert.deepEqual(uids.sort(), [
      'ai-ops-components',
      'ai-ops-cost',
      'ai-ops-executions',
    ]);
    for (const { file, json } of dashboards) {
      assert.ok(json.title.startsWith('AI Ops Console / '), file);
      assert.ok(
        json.panels.length >= 8,
        `${file}: ${json.panels.length} panels`,
      );
      const ids = json.panels.map(p => p.id);
      assert.equal(
        new Set(ids).size,
        ids.length,
        `${file}: duplicate panel ids`,
      );
      const ds = json.templating.list.find(v => v.type === 'datasource');
      assert.equal(ds?.name, 'datasource', `${file}: a datasource variable`);
    }
  });

  test('panels and variables query only metrics the console exports', () => {
    let queries = 0;
    for (const { file, json } of dashboards) {
      for (const panel of json.panels.filter(p => p.type !== 'row')) {
        assert.ok(
          panel.targets?.length > 0,
          `${file}: ${panel.title} has no query`,
        );
        for (const t of panel.targets) {
          assert.equal(
            t.datasource.uid,
            '${datasource}',
            `${file}: ${panel.title}`,
          );
          queries++;
          for (const name of metricNamesIn(t.expr)) {
            assert.ok(
              allowed(name),
              `${file}: "${panel.title}" reads unknown metric ${name}`,
            );
          }
        }
      }
      for (const v of json.templating.list.filter(x => x.type === 'query')) {
        const m = v.query.query.match(/^label_values\((\w+),\s*(\w+)\)$/);
        assert.ok(m, `${file}: variable ${v.name}`);
        assert.ok(allowed(m[1]), `${file}: variable ${v.name} reads ${m[1]}`);
      }
    }
    assert.ok(queries >= 30);
  });

  test('compose provisioning points at the dashboards and the Prometheus and Jaeger data sources', () => {
    const ds = readYaml(
      path.join(deployDir, 'grafana/provisioning/datasources/datasources.yml'),
    );
    const types = ds.datasources.map(d => d.type).sort();
    assert.deepEqual(types, ['jaeger', 'prometheus']);
    const providers = readYaml(
      path.join(deployDir, 'grafana/provisioning/dashboards/dashboards.yml'),
    );
    const compose = readYaml(path.join(deployDir, 'docker-compose.yml'));
    const mount = compose.services.grafana.volumes.find(v =>
      v.startsWith('./grafana/dashboards:'),
    );
    assert.equal(mount.split(':')[1], providers.providers[0].options.path);
  });
});
