// Real server processes for the multi-node and chaos tests: the production server
// (`server/main.ts`, Next + socket.io) started as a child process on a free port,
// against the test database, optionally sharing Redis. Needs the production build
// (`npm test` builds before the integration tests).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { testDatabaseUrl } from "./db";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../../..");
const START_TIMEOUT_MS = 45_000;

export type ServerProcess = {
  url: string;
  port: number;
  /** Ends the process at once, as a crash or `kill -9` would. */
  kill: () => Promise<void>;
  /** Starts it again on the same port (after a kill). */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
};

export function redisUrl(): string {
  return process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startServerProcess(options: { redis?: boolean } = {}): Promise<ServerProcess> {
  if (!existsSync(path.join(PROJECT_ROOT, ".next", "BUILD_ID"))) {
    throw new Error("These tests start the production server: run `npx next build` first (npm test does).");
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOST: "127.0.0.1",
    AUTH_URL: `http://localhost:${port}`,
    DATABASE_URL: testDatabaseUrl(),
    AUTH_SECRET: "integration-tests-secret-0123456789abcdef",
    RATE_LIMIT_WRITES_PER_ACCOUNT: "100000",
    RATE_LIMIT_WRITES_PER_IP: "100000",
  };
  if (options.redis) env.REDIS_URL = redisUrl();
  else delete env.REDIS_URL;

  let child: ChildProcess | null = null;
  const launch = async () => {
    // node itself, not npx: killing this pid must kill the server.
    const started = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    child = started;
    let output = "";
    started.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server on ${port} did not start:\n${output}`)), START_TIMEOUT_MS);
      const check = () => {
        if (output.includes("Marginalia is ready")) {
          clearTimeout(timer);
          resolve();
        }
      };
      started.stdout?.on("data", check);
      started.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`server on ${port} exited (${code}):\n${output}`));
      });
    });
    started.removeAllListeners("exit");
  };
  const exited = (target: ChildProcess, signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (target.exitCode !== null || target.signalCode !== null) return resolve();
      target.once("exit", () => resolve());
      target.kill(signal);
    });

  await launch();
  return {
    url,
    port,
    kill: async () => {
      if (child) await exited(child, "SIGKILL");
    },
    restart: launch,
    stop: async () => {
      if (child) await exited(child, "SIGTERM");
    },
  };
}
