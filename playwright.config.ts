// End-to-end tests in Chromium against the production server on its own port and
// database (prepared by scripts/test.ts). Chromium: CHROMIUM_PATH, else Debian's
// /usr/bin/chromium, else Playwright's own browser.
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 60_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "node --import tsx server/main.ts",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      AUTH_URL: baseURL,
      AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL ?? "",
      RATE_LIMIT_AUTH_PER_IP: "10000",
      RATE_LIMIT_AUTH_PER_ACCOUNT: "50",
      NEXT_TELEMETRY_DISABLED: "1",
      MARGINALIA_DEMO: "true",
    },
  },
});
