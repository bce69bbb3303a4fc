import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 17007);

/**
 * The browser smoke: the built frontend served by the backend (zero-setup
 * configuration: SQLite, guest sign-in) in Debian's Chromium.
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: true,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  outputDir: 'node_modules/.cache/e2e-test-results',
  webServer: {
    command: 'bash e2e/serve-built-app.sh',
    // The Temporal worker's readiness (port + 10): it starts once the backend
    // is ready and is ready itself once it polls, so runs execute from the start.
    url: `http://localhost:${port + 10}/.backstage/health/v1/readiness`,
    env: { E2E_PORT: String(port) },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL: `http://localhost:${port}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
