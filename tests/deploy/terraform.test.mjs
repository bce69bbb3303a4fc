// Checks the Terraform module in deploy/terraform. No terraform or tofu
// binary can be built here (OpenTofu's go.mod has replace directives, so
// `go install` refuses it, and providers could not be downloaded anyway), so
// this is not `terraform validate`: HashiCorp's own HCL parser (hclfmt, built
// from the Go module proxy) checks the syntax and canonical formatting, and
// the structure is checked here: variables declared and used, secrets
// sensitive, providers pinned, the chart path, the example's inputs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { chartDir, deployDir, exec, hclfmtPath, readYaml } from './lib.mjs';

const moduleDir = path.join(deployDir, 'terraform');
const exampleDir = path.join(moduleDir, 'examples/basic');
const tfFiles = dir =>
  fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.tf'))
    .map(f => path.join(dir, f));
const read = files => files.map(f => fs.readFileSync(f, 'utf8')).join('\n');

/** Top-level blocks: `type "label" "label" { ... }` with their bodies (braces matched, strings skipped). */
function blocks(text) {
  const result = [];
  const header = /^([a-z_]+)((?:\s+"[^"]*")*)\s*\{/gm;
  let m;
  while ((m = header.exec(text))) {
    let depth = 0;
    let i = m.index + m[0].length - 1;
    let inString = false;
    for (; i < text.length; i++) {
      const ch = text[i];
      if (inString) {
        if (ch === '\\') i++;
        else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) break;
    }
    const labels = [...m[2].matchAll(/"([^"]*)"/g)].map(x => x[1]);
    result.push({
      type: m[1],
      labels,
      body: text.slice(m.index + m[0].length, i),
    });
    header.lastIndex = i + 1;
  }
  return result;
}

const moduleText = read(tfFiles(moduleDir));
const moduleBlocks = blocks(moduleText);
const variables = moduleBlocks.filter(b => b.type === 'variable');
const variableNames = new Set(variables.map(v => v.labels[0]));

let hclfmt;
before(async () => {
  hclfmt = await hclfmtPath();
});

describe('Terraform module (deploy/terraform)', () => {
  test('every file parses with the HCL parser and is canonically formatted', async () => {
    const files = [...tfFiles(moduleDir), ...tfFiles(exampleDir)];
    assert.ok(files.length >= 5);
    const result = await exec(hclfmt, [
      '-check',
      '-require-no-change',
      ...files,
    ]);
    assert.equal(result.code, 0, result.stderr);
  });

  test('the parser rejects broken HCL (the check can fail)', async () => {
    const broken = path.join(
      fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'hcl-')),
      'broken.tf',
    );
    fs.writeFileSync(broken, 'variable "x" {\n  type = string\n');
    const result = await exec(hclfmt, ['-check', broken]);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /Unclosed configuration block/);
    fs.rmSync(path.dirname(broken), { recursive: true });
  });

  test('providers are pinned to exact versions', () => {
    const [terraform] = moduleBlocks.filter(b => b.type === 'terraform');
    assert.ok(terraform, 'no terraform block');
    assert.match(terraform.body, /required_version\s*=\s*">=\s*1\.\d+\.\d+"/);
    for (const provider of ['helm', 'kubernetes']) {
      const m = terraform.body.match(
        new RegExp(
          `${provider}\\s*=\\s*\\{[^}]*source\\s*=\\s*"hashicorp/${provider}"[^}]*version\\s*=\\s*"(\\d+\\.\\d+\\.\\d+)"`,
        ),
      );
      assert.ok(m, `${provider} is not pinned to an exact version`);
    }
  });

  test('every var.X used is declared, every variable is used and described', () => {
    const used = new Set(
      [...moduleText.matchAll(/\bvar\.([a-z_][a-z0-9_]*)/g)].map(m => m[1]),
    );
    for (const name of used)
      assert.ok(variableNames.has(name), `var.${name} is not declared`);
    for (const v of variables) {
      assert.ok(used.has(v.labels[0]), `variable ${v.labels[0]} is never used`);
      assert.match(
        v.body,
        /description\s*=/,
        `variable ${v.labels[0]} has no description`,
      );
      assert.match(v.body, /\btype\s*=/, `variable ${v.labels[0]} has no type`);
    }
    const locals = moduleBlocks
      .filter(b => b.type === 'locals')
      .map(b => b.body)
      .join('\n');
    for (const m of moduleText.matchAll(/\blocal\.([a-z_][a-z0-9_]*)/g)) {
      assert.match(
        locals,
        new RegExp(`^\\s*${m[1]}\\s*=`, 'm'),
        `local.${m[1]} is not defined`,
      );
    }
  });

  test('variables for external PostgreSQL, Redis, RabbitMQ, Temporal and Weaviate', () => {
    for (const name of [
      'postgresql',
      'postgresql_password',
      'redis_url',
      'rabbitmq_url',
      'temporal',
      'temporal_mtls',
      'weaviate',
      'weaviate_api_key',
      'namespace',
    ]) {
      assert.ok(variableNames.has(name), `no variable ${name}`);
    }
  });

  test('secret variables are sensitive and reach the cluster only as Secrets', () => {
    const secretLike = /password|secret|token|_key|_keys|_url$|mtls/;
    // Names of Secrets are not secret.
    const names = new Set(['tls_secret_name', 'image_pull_secrets']);
    const secretVars = variables.filter(
      v => secretLike.test(v.labels[0]) && !names.has(v.labels[0]),
    );
    assert.ok(secretVars.length >= 8);
    for (const v of secretVars) {
      assert.match(
        v.body,
        /sensitive\s*=\s*true/,
        `variable ${v.labels[0]} must be sensitive`,
      );
    }
    // The chart values (local.values) never read a secret variable.
    const locals = moduleBlocks
      .filter(b => b.type === 'locals')
      .map(b => b.body)
      .join('\n');
    const valuesBody = locals.slice(locals.indexOf('values = {'));
    for (const v of secretVars) {
      const reads = valuesBody
        .split('\n')
        .filter(line => new RegExp(`var\\.${v.labels[0]}\\b`).test(line));
      for (const line of reads) {
        assert.match(
          line,
          /nonsensitive\(\[for k in var\.ai_components_secret_keys : k\.id\]\)/,
          `chart values read ${line}`,
        );
      }
    }
    const secrets = moduleBlocks.filter(
      b => b.type === 'resource' && b.labels[0] === 'kubernetes_secret',
    );
    assert.ok(secrets.length >= 4);
  });

  test("the release installs this repository's chart into the namespace, atomically", () => {
    const [release] = moduleBlocks.filter(
      b => b.type === 'resource' && b.labels[0] === 'helm_release',
    );
    assert.ok(release);
    assert.match(release.body, /namespace\s*=\s*local\.namespace/);
    assert.match(release.body, /atomic\s*=\s*true/);
    assert.match(
      moduleText,
      /"\$\{path\.module\}\/\.\.\/helm\/ai-ops-console"/,
    );
    assert.equal(
      readYaml(
        path.join(
          path.resolve(moduleDir, '../helm/ai-ops-console'),
          'Chart.yaml',
        ),
      ).name,
      'ai-ops-console',
    );
    assert.equal(path.resolve(moduleDir, '../helm/ai-ops-console'), chartDir);
    assert.ok(
      moduleBlocks.some(
        b => b.type === 'resource' && b.labels[0] === 'kubernetes_namespace',
      ),
    );
  });

  test('the chart values it writes exist in the chart', () => {
    const chartValues = readYaml(path.join(chartDir, 'values.yaml'));
    const locals = moduleBlocks
      .filter(b => b.type === 'locals')
      .map(b => b.body)
      .join('\n');
    const valuesBody = locals.slice(locals.indexOf('values = {'));
    const topKeys = [...valuesBody.matchAll(/^ {4}([a-zA-Z]+)\s*=/gm)].map(
      m => m[1],
    );
    assert.ok(topKeys.length >= 15);
    for (const key of topKeys)
      assert.ok(key in chartValues, `values.${key} is not a chart value`);
  });

  test('outputs are described', () => {
    const outputs = moduleBlocks.filter(b => b.type === 'output');
    assert.ok(outputs.length >= 5);
    for (const o of outputs)
      assert.match(o.body, /description\s*=/, o.labels[0]);
  });

  test('the example calls the module with every required variable', () => {
    const example = read(tfFiles(exampleDir));
    const [call] = blocks(example).filter(b => b.type === 'module');
    assert.ok(call);
    const source = call.body.match(/source\s*=\s*"([^"]+)"/)[1];
    assert.equal(path.resolve(exampleDir, source), moduleDir);
    const required = variables
      .filter(v => !/\bdefault\s*=/.test(v.body))
      .map(v => v.labels[0]);
    assert.ok(required.length >= 10);
    for (const name of required) {
      assert.match(
        call.body,
        new RegExp(`^\\s*${name}\\s*=`, 'm'),
        `the example does not set ${name}`,
      );
    }
    for (const m of call.body.matchAll(/^\s{2}([a-z_]+)\s*=/gm)) {
      if (m[1] === 'source') continue;
      assert.ok(
        variableNames.has(m[1]),
        `the example sets unknown variable ${m[1]}`,
      );
    }
    for (const v of blocks(example).filter(
      b =>
        b.type === 'variable' &&
        b.labels[0] !== 'kubeconfig_path' &&
        b.labels[0] !== 'kube_context',
    )) {
      assert.match(
        v.body,
        /sensitive\s*=\s*true/,
        `example variable ${v.labels[0]}`,
      );
    }
  });
});
