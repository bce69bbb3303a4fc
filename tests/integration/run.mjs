// Runs the integration test files one after another and fails on any failed
// or cancelled test. (A test file whose process ends early is reported as
// cancelled, which `node --test` alone lets pass with exit code 0.)
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const files = fs
  .readdirSync(dir)
  .filter(f => f.endsWith('.test.mjs'))
  .map(f => path.join(dir, f));

let passed = 0;
let failed = 0;
const stream = run({ files, concurrency: 1 });
stream.on('test:pass', () => passed++);
stream.on('test:fail', () => failed++);
stream.compose(spec).pipe(process.stdout);
stream.on('end', () => {
  if (failed > 0 || passed === 0) {
    console.error(
      `integration tests: ${failed} failed or cancelled, ${passed} passed`,
    );
    process.exitCode = 1;
  }
});
