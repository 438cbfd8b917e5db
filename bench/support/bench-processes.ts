// The processes a server bench starts (the production server, a bare socket.io server,
// load generators), stopped again on exit, error or Ctrl-C; and what /proc says about
// a process: CPU time (utime + stime) and resident memory (VmRSS).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { ROOT, log, sleep } from "./bench-report";

export const BENCH_AUTH_SECRET = "bench-secret-bench-secret-bench-secret-bench";

const children = new Set<ChildProcess>();
let stopping = false;

/** Stops every child this bench started, then exits with `code`. */
export async function stopAllAndExit(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await Promise.all([...children].map((child) => stopChild(child)));
  }
  process.exit(code);
}

process.on("SIGINT", () => void stopAllAndExit(130));
process.on("SIGTERM", () => void stopAllAndExit(143));
// Last resort (an uncaught exit): no child outlives the bench.
process.on("exit", () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

export type BenchChild = { child: ChildProcess; pid: number; log: string[] };

/** `node --import tsx <script>` in the worktree: the pid is the script's own process (no tsx wrapper). */
export function spawnTsx(script: string, args: string[], env: Record<string, string>, options: { ipc?: boolean; nodeArgs?: string[] } = {}): BenchChild {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", script, ...args], {
    cwd: ROOT,
    stdio: options.ipc ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    if (lines.length > 300) lines.splice(0, lines.length - 300);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  if (!child.pid) throw new Error(`could not start ${script}`);
  return { child, pid: child.pid, log: lines };
}

export async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timedOut = await Promise.race([exited.then(() => false), sleep(12_000).then(() => true)]);
  if (timedOut) {
    child.kill("SIGKILL");
    await exited;
  }
}

export type AppServerOptions = { port: number; databaseUrl: string; env?: Record<string, string> };

/** The production server (`server/main.ts`, NODE_ENV=production) on 127.0.0.1:port, once /api/health answers. */
export async function startAppServer(options: AppServerOptions): Promise<BenchChild & { origin: string }> {
  const origin = `http://127.0.0.1:${options.port}`;
  const server = spawnTsx("server/main.ts", [], {
    NODE_ENV: "production",
    PORT: String(options.port),
    HOST: "127.0.0.1",
    AUTH_URL: `http://localhost:${options.port}`,
    AUTH_SECRET: BENCH_AUTH_SECRET,
    DATABASE_URL: options.databaseUrl,
    RATE_LIMIT_WRITES_PER_ACCOUNT: "100000000",
    RATE_LIMIT_WRITES_PER_IP: "100000000",
    RATE_LIMIT_AUTH_PER_IP: "100000",
    RATE_LIMIT_AUTH_PER_ACCOUNT: "100000",
    NEXT_TELEMETRY_DISABLED: "1",
    ...options.env,
    // For profiling the server alone, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
  }, { nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) });
  await waitUntilHealthy(`${origin}/api/health`, server);
  log(`app server ready on ${origin} (pid ${server.pid})`);
  return { ...server, origin };
}

export async function waitUntilHealthy(url: string, server: BenchChild, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`${url}: server exited (${server.child.exitCode}):\n${server.log.join("\n")}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${server.log.join("\n")}`);
}

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far; NaN once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // After the command name, field 3 (state) is rest[0]: utime (14) is rest[11], stime (15) rest[12].
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(rest[11]) + Number(rest[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** Resident memory in MiB (VmRSS). */
export function rssMiB(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

/** Samples CPU and memory of a set of processes over a window: CPUs used (1.0 = one core busy) and peak RSS. */
export class ProcessSampler {
  private readonly startCpu: number[];
  private readonly startAt = performance.now();
  private peakRss = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pids: number[]) {
    this.startCpu = pids.map(cpuSeconds);
    this.timer = setInterval(() => this.sampleRss(), 250);
    this.sampleRss();
  }

  private sampleRss() {
    const total = this.pids.reduce((sum, pid) => sum + (rssMiB(pid) || 0), 0);
    this.peakRss = Math.max(this.peakRss, total);
  }

  stop(): { cpus: number; cpuSeconds: number; peakRssMiB: number; endRssMiB: number; seconds: number } {
    clearInterval(this.timer);
    this.sampleRss();
    const seconds = (performance.now() - this.startAt) / 1000;
    const used = this.pids.reduce((sum, pid, index) => sum + ((cpuSeconds(pid) || 0) - (this.startCpu[index] || 0)), 0);
    const endRssMiB = this.pids.reduce((sum, pid) => sum + (rssMiB(pid) || 0), 0);
    return { cpus: used / seconds, cpuSeconds: used, peakRssMiB: this.peakRss, endRssMiB, seconds };
  }
}

/** The PostgreSQL backends serving one database (their CPU is the database's share of the work). */
export async function postgresBackends(adminUrl: string, database: string): Promise<number[]> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const result = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [database]);
    return result.rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}

/**
 * CPU of one database's Postgres backends over a window. Pools open and close connections
 * as they go, so backends are listed every second: one that started during the window
 * counts whole, one that ended keeps what it had used when last seen.
 */
export class PostgresSampler {
  /** The last CPU time seen per backend, so one that ends before the window does keeps what it used. */
  private readonly lastSeen = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly adminUrl: string,
    private readonly database: string,
    private readonly start: Map<number, number>,
    private readonly startAt: number,
  ) {
    this.timer = setInterval(() => void this.look().catch(() => undefined), 1000);
  }

  static async start(adminUrl: string, database: string): Promise<PostgresSampler> {
    const pids = await postgresBackends(adminUrl, database);
    return new PostgresSampler(adminUrl, database, new Map(pids.map((pid) => [pid, cpuSeconds(pid)])), performance.now());
  }

  private async look() {
    for (const pid of new Set([...this.lastSeen.keys(), ...this.start.keys(), ...(await postgresBackends(this.adminUrl, this.database))])) {
      const now = cpuSeconds(pid);
      if (!Number.isNaN(now)) this.lastSeen.set(pid, now);
    }
  }

  async stop(): Promise<{ cpus: number; cpuSeconds: number; seconds: number; backends: number }> {
    clearInterval(this.timer);
    await this.look();
    const seconds = (performance.now() - this.startAt) / 1000;
    let used = 0;
    for (const [pid, last] of this.lastSeen) used += last - (this.start.get(pid) ?? 0);
    return { cpus: used / seconds, cpuSeconds: used, seconds, backends: this.lastSeen.size };
  }
}

/** Busy CPUs of the whole machine (from /proc/stat), to tell the bench's own load from other work. */
export class MachineSampler {
  private readonly start = machineBusySeconds();
  private readonly startAt = performance.now();

  stop(): { busyCpus: number; seconds: number } {
    const seconds = (performance.now() - this.startAt) / 1000;
    return { busyCpus: (machineBusySeconds() - this.start) / seconds, seconds };
  }
}

function machineBusySeconds(): number {
  const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number) as number[];
  return (user! + nice! + system! + irq! + softirq! + steal!) / TICKS_PER_SECOND;
}

/** Sends a command to a child started with `ipc` and waits for its reply of type `replyType` (or its error). */
export function ipcRequest<T>(target: BenchChild, command: unknown, replyType: string, timeoutMs = 300_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`child ${target.pid}: no "${replyType}" within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: { type: string; message?: string }) => {
      if (message.type === replyType) finish(null, message as T);
      else if (message.type === "error") finish(new Error(`child ${target.pid}: ${message.message}`));
    };
    const onExit = (code: number | null) => finish(new Error(`child ${target.pid} exited (${code}):\n${target.log.join("\n")}`));
    const finish = (error: Error | null, value?: T) => {
      clearTimeout(timer);
      target.child.off("message", onMessage);
      target.child.off("exit", onExit);
      if (error) reject(error);
      else resolve(value as T);
    };
    target.child.on("message", onMessage);
    target.child.once("exit", onExit);
    target.child.send(command as never);
  });
}

/**
 * Waits (up to a limit) until the machine is nearly idle while the bench itself rests, so
 * other work (other builds and test runs) skews the next point as little as possible.
 * Returns the busy CPUs seen last.
 */
export async function waitForQuietMachine(limitSeconds = 60, quietCpus = 0.3): Promise<number> {
  const deadline = Date.now() + limitSeconds * 1000;
  for (;;) {
    const sampler = new MachineSampler();
    await sleep(2000);
    const { busyCpus } = sampler.stop();
    if (busyCpus < quietCpus) return busyCpus;
    if (Date.now() > deadline) {
      log(`other processes still use ${busyCpus.toFixed(2)} CPUs; measuring anyway`);
      return busyCpus;
    }
  }
}
