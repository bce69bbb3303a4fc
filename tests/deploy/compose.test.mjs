// Checks deploy/docker-compose.yml, the Dockerfiles and .dockerignore
// without a Docker engine: structure, health checks, dependencies, the files
// they mount or copy, secrets only from the environment, and that the
// configuration overlay uses keys the plugins declare.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  deployDir,
  readYaml,
  repoRoot,
  undeclaredConfigPaths,
} from './lib.mjs';

const composeFile = path.join(deployDir, 'docker-compose.yml');
const compose = readYaml(composeFile);
const services = Object.entries(compose.services);
const secretLikeName =
  /PASSWORD|SECRET|TOKEN|_KEY$|API_KEY|ALLOWED_KEYS|PASS$|AUTH$/;

// One-shot jobs: something waits for them to complete successfully.
const oneShot = new Set(
  services.flatMap(([, s]) =>
    Object.entries(s.depends_on ?? {})
      .filter(([, dep]) => dep.condition === 'service_completed_successfully')
      .map(([name]) => name),
  ),
);

describe('docker-compose.yml', () => {
  test('runs the whole stack', () => {
    for (const name of [
      'console',
      'worker',
      'postgres',
      'redis',
      'rabbitmq',
      'temporal',
      'temporal-ui',
      'weaviate',
      'jaeger',
      'prometheus',
      'grafana',
    ]) {
      assert.ok(compose.services[name], `no ${name} service`);
    }
  });

  test('every service has an image or a build whose Dockerfile exists', () => {
    for (const [name, s] of services) {
      assert.ok(s.image || s.build, `${name} has neither image nor build`);
      if (s.image)
        assert.match(
          s.image,
          /^[\w./-]+:[\w.${}:-]+$/,
          `${name}: pin the image tag`,
        );
      if (s.build) {
        const context = path.resolve(deployDir, s.build.context);
        assert.ok(
          fs.existsSync(path.join(context, s.build.dockerfile)),
          `${name}: ${s.build.dockerfile}`,
        );
      }
    }
  });

  test('long-running services have health checks; one-shot jobs are restarted on failure only', () => {
    for (const [name, s] of services) {
      if (oneShot.has(name)) {
        assert.match(s.restart ?? '', /^on-failure/, `${name} restart`);
        continue;
      }
      assert.ok(s.healthcheck?.test, `${name} has no healthcheck`);
      const t = s.healthcheck.test;
      assert.ok(
        Array.isArray(t) && ['CMD', 'CMD-SHELL'].includes(t[0]) && t.length > 1,
        name,
      );
      assert.match(s.healthcheck.interval, /^\d+s$/, name);
      assert.equal(s.restart, 'unless-stopped', name);
    }
    assert.ok(
      oneShot.has('temporal-schema') && oneShot.has('temporal-namespace'),
    );
  });

  test('dependencies name existing services; waiting for health needs a health check', () => {
    for (const [name, s] of services) {
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
        assert.ok(compose.services[dep], `${name} depends on unknown ${dep}`);
        if (condition === 'service_healthy') {
          assert.ok(
            compose.services[dep].healthcheck,
            `${name} waits for ${dep}, which has no healthcheck`,
          );
        }
      }
    }
    // The worker starts after the console has created the shared databases.
    assert.equal(
      compose.services.worker.depends_on.console.condition,
      'service_healthy',
    );
  });

  test('mounted files exist and named volumes are declared', () => {
    for (const [name, s] of services) {
      for (const volume of s.volumes ?? []) {
        const source = volume.split(':')[0];
        if (source.startsWith('.')) {
          assert.ok(
            fs.existsSync(path.resolve(deployDir, source)),
            `${name}: ${source} is missing`,
          );
        } else {
          assert.ok(
            source in (compose.volumes ?? {}),
            `${name}: volume ${source} is not declared`,
          );
        }
      }
    }
  });

  test('secrets come from the environment (deploy/.env), never literals', () => {
    const example = fs.readFileSync(
      path.join(deployDir, '.env.example'),
      'utf8',
    );
    const required = new Set();
    const text = fs.readFileSync(composeFile, 'utf8');
    for (const m of text.matchAll(/\$\{([A-Z0-9_]+):\?/g)) required.add(m[1]);
    assert.ok(required.size >= 8);
    for (const name of required) {
      assert.match(
        example,
        new RegExp(`^${name}=`, 'm'),
        `${name} is not in deploy/.env.example`,
      );
    }
    const check = (where, env) => {
      for (const [key, value] of Object.entries(env ?? {})) {
        if (!secretLikeName.test(key)) continue;
        assert.match(
          String(value),
          /\$\{[A-Z0-9_]+(:[?-][^}]*)?\}/,
          `${where}: ${key} is a literal`,
        );
      }
    };
    for (const [name, s] of services) check(name, s.environment);
    // Credentials inside URLs are interpolated too.
    for (const [name, s] of services) {
      for (const [key, value] of Object.entries(s.environment ?? {})) {
        if (/_URL$/.test(key) && String(value).includes('@')) {
          assert.match(
            String(value),
            /:\$\{[A-Z0-9_]+:\?[^}]+\}@/,
            `${name}: ${key}`,
          );
        }
      }
    }
  });

  test('the console and the worker run on the production configuration plus the compose overlay', () => {
    for (const name of ['console', 'worker']) {
      const args = compose.services[name].command;
      const files = args.filter((_, i) => args[i - 1] === '--config');
      assert.deepEqual(files.slice(0, 2), [
        'app-config.yaml',
        'app-config.production.yaml',
      ]);
      assert.equal(files.at(-1), '/etc/ai-ops/app-config.compose.yaml');
      assert.equal(compose.services[name].read_only, true);
    }
    assert.ok(
      compose.services.worker.command.includes('app-config.worker.yaml'),
    );
    // Every ${VAR} of the production config and the overlay is provided.
    const env = compose.services.console.environment;
    const refs = file =>
      [...fs.readFileSync(file, 'utf8').matchAll(/\$\{([A-Z0-9_]+)\}/g)].map(
        m => m[1],
      );
    for (const name of [
      ...refs(path.join(repoRoot, 'app-config.production.yaml')),
      ...refs(path.join(deployDir, 'config/app-config.compose.yaml')),
    ]) {
      assert.ok(name in env, `console: \${${name}} is not set`);
    }
  });

  test('the overlay only uses configuration keys the plugins declare', () => {
    const overlay = readYaml(
      path.join(deployDir, 'config/app-config.compose.yaml'),
    );
    assert.deepEqual(undeclaredConfigPaths(overlay), []);
    assert.deepEqual(undeclaredConfigPaths({ temporal: { adress: 'x' } }), [
      'temporal.adress',
    ]);
  });
});

describe('Dockerfiles', () => {
  for (const name of ['backend', 'worker']) {
    const file = path.join(deployDir, `docker/${name}.Dockerfile`);
    const text = fs.readFileSync(file, 'utf8');
    const stages = text.split(/^FROM /m).slice(1);

    test(`${name}: multi-stage build on Node 24 with the committed yarn`, () => {
      assert.ok(
        stages.length >= 3,
        'expected skeleton, build and production stages',
      );
      assert.match(text, /^ARG NODE_IMAGE=node:24-[\w.-]+$/m);
      for (const stage of stages) assert.match(stage, /^\$\{NODE_IMAGE\}/);
      assert.match(text, /yarn install --immutable/);
      assert.match(text, /\.yarn\/releases\/yarn-\*\.cjs/);
      assert.match(text, new RegExp(`yarn workspace ${name} build`));
      assert.match(text, /yarn workspaces focus --all --production/);
    });

    test(`${name}: the production image runs as a non-root user with a health check`, () => {
      const production = stages.at(-1);
      const users = [...production.matchAll(/^USER (\S+)$/gm)].map(m => m[1]);
      assert.ok(users.length > 0, 'no USER in the production stage');
      assert.notEqual(users.at(-1), 'root');
      assert.notEqual(users.at(-1), '0');
      assert.match(
        production,
        /^HEALTHCHECK .*\n\s+CMD .*\/\.backstage\/health\/v1\/readiness/m,
      );
      assert.match(production, /^ENV NODE_ENV=production$/m);
      assert.match(
        production,
        /^ENTRYPOINT \[.*"--require", "@ai-ops\/telemetry\/instrument", "packages\/\w+"\]$/m,
      );
      assert.match(production, /^EXPOSE \d+/m);
    });

    test(`${name}: every stage that installs has the patches package.json names`, () => {
      const { resolutions = {} } = JSON.parse(
        fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
      );
      const patches = Object.values(resolutions)
        .map(v => /#~\/(\.yarn\/patches\/[^&]+\.patch)/.exec(v)?.[1])
        .filter(Boolean);
      for (const patch of patches) {
        assert.ok(fs.existsSync(path.join(repoRoot, patch)), patch);
      }
      // The skeleton stage feeds the build stage's `yarn install
      // --immutable`; the production stage runs `yarn workspaces focus`:
      // both resolve the patch files.
      const installing = [stages[0], stages.at(-1)];
      assert.match(installing[1], /yarn workspaces focus/);
      for (const stage of patches.length > 0 ? installing : []) {
        assert.match(
          stage,
          /^COPY (?:--from=\S+ )?(?:\/app\/)?\.yarn\/patches \.\/\.yarn\/patches$/m,
          `a stage of ${name}.Dockerfile resolves dependencies without .yarn/patches:\n${stage.slice(
            0,
            80,
          )}`,
        );
      }
    });

    test(`${name}: every file it copies from the context exists`, () => {
      for (const m of text.matchAll(/^COPY (?!--from)(?:--\S+ )*(.+) \S+$/gm)) {
        for (const source of m[1].split(/\s+/)) {
          if (source === '.') continue;
          const matches = fs
            .readdirSync(path.join(repoRoot, path.dirname(source)))
            .filter(f =>
              new RegExp(
                `^${path
                  .basename(source)
                  .replace(/[.]/g, '\\.')
                  .replace(/\*/g, '.*')}$`,
              ).test(f),
            );
          assert.ok(
            matches.length > 0,
            `${name}.Dockerfile copies ${source}, which is missing`,
          );
        }
      }
    });
  }

  test('.dockerignore keeps dependencies, build output, local state and secrets out', () => {
    const ignore = fs
      .readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8')
      .split('\n');
    for (const entry of [
      '.git',
      '**/node_modules',
      '**/dist',
      '.services',
      '.toolchain',
      '.env',
      '*.local.yaml',
    ]) {
      assert.ok(ignore.includes(entry), `.dockerignore lacks ${entry}`);
    }
    assert.ok(
      ignore.includes('!.yarn/releases'),
      'the committed yarn must stay in the context',
    );
  });
});

describe('CI pipeline (.github/workflows/ci.yml)', () => {
  const ci = readYaml(path.join(repoRoot, '.github/workflows/ci.yml'));

  test('runs on pushes and pull requests', () => {
    assert.ok(ci.on.push && 'pull_request' in ci.on);
  });

  test('runs exactly the test command of .ci/run', () => {
    const steps = Object.values(ci.jobs).flatMap(j => j.steps ?? []);
    const runs = steps.filter(s => s.run).map(s => s.run.trim());
    assert.ok(runs.includes('bash .ci/run'), runs.join('\n'));
    assert.match(
      fs.readFileSync(path.join(repoRoot, '.ci/run'), 'utf8'),
      /scripts\/test\.sh/,
    );
    // The services the tests expect (README): PostgreSQL, Redis, RabbitMQ.
    const job = Object.values(ci.jobs).find(j =>
      j.steps?.some(s => s.run?.trim() === 'bash .ci/run'),
    );
    for (const service of ['postgres', 'redis', 'rabbitmq']) {
      assert.ok(job.services?.[service], `no ${service} service`);
    }
  });

  test('builds both images with buildx from their Dockerfiles', () => {
    const images = Object.values(ci.jobs).find(j => j.strategy?.matrix?.image);
    assert.deepEqual(images.strategy.matrix.image, ['backend', 'worker']);
    assert.ok(
      images.steps.some(s => s.uses?.startsWith('docker/setup-buildx-action@')),
    );
    const build = images.steps.find(s =>
      s.uses?.startsWith('docker/build-push-action@'),
    );
    assert.equal(
      build.with.file,
      'deploy/docker/${{ matrix.image }}.Dockerfile',
    );
    assert.equal(build.with.context, '.');
    for (const image of images.strategy.matrix.image) {
      assert.ok(
        fs.existsSync(path.join(deployDir, `docker/${image}.Dockerfile`)),
      );
    }
  });
});
