// What every server bench reports the same way: the machine it ran on, its load, simple
// statistics, and its own `## …` section of BENCHMARKS.md (the other sections are kept).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export type Machine = { date: string; nproc: string; cpu: string; memory: string; node: string; postgres: string; build: string };

export function machineInfo(): Machine {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const memKb = Number(/MemTotal:\s+(\d+)/.exec(readFileSync("/proc/meminfo", "utf8"))?.[1] ?? 0);
  let postgres = "unknown";
  try {
    postgres = execFileSync("psql", ["--version"], { encoding: "utf8" }).trim();
  } catch {
    // psql not installed: the server version is asked for separately
  }
  const buildIdFile = path.join(ROOT, ".next", "BUILD_ID");
  return {
    date: execFileSync("date", ["-u"], { encoding: "utf8" }).trim(),
    nproc: execFileSync("nproc", { encoding: "utf8" }).trim(),
    cpu: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? "unknown",
    memory: `${(memKb / 1024 / 1024).toFixed(1)} GiB`,
    node: process.version,
    postgres,
    build: existsSync(buildIdFile)
      ? `${readFileSync(buildIdFile, "utf8").trim()} (built ${new Date(statSync(buildIdFile).mtimeMs).toISOString()})`
      : "none",
  };
}

/** The 1-, 5- and 15-minute load averages: other work on the machine skews every number here. */
export function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}

/** Builds the app when there is no production build yet (or with --rebuild). */
export function ensureBuild() {
  if (existsSync(path.join(ROOT, ".next", "BUILD_ID")) && !process.argv.includes("--rebuild")) return;
  log("next build…");
  execFileSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}

/** Replaces (or appends) the section headed `## title` in BENCHMARKS.md. */
export function writeSection(title: string, section: string) {
  const file = path.join(ROOT, "BENCHMARKS.md");
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n\nMeasured numbers, each section written by its script under bench/. None of them is a test.\n";
  const heading = `## ${title}`;
  const start = existing.indexOf(heading);
  let next: string;
  if (start < 0) {
    next = `${existing.trimEnd()}\n\n${section}`;
  } else {
    const after = existing.indexOf("\n## ", start + heading.length);
    next = `${existing.slice(0, start)}${section}${after < 0 ? "" : `\n${existing.slice(after + 1)}`}`;
  }
  writeFileSync(file, `${next.trimEnd()}\n`);
  log(`wrote ${path.relative(ROOT, file)}`);
}

export function writeResults(name: string, data: unknown) {
  const dir = path.join(ROOT, "bench", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}-latest.json`), `${JSON.stringify(data, null, 2)}\n`);
}

/** Nearest-rank percentile (p in 0–100) of unsorted values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

export function sleep(milliseconds: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, milliseconds));
}

export function log(message: string) {
  console.log(`[bench] ${message}`);
}

export function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
