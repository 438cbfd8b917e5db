// A Chromium driven over its own DevTools pipe with nothing but the commands sent here, for
// measuring a page as a reader's browser runs it. Playwright enables DevTools' Network domain
// on every page it knows; that agent keeps a copy of each response and decodes it on the main
// thread when it finishes (Blink's InspectorNetworkAgent, DidFinishLoading): for a 7 MB
// response, a 30–50 ms task no reader's browser has. Pages here get only Page and Runtime.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable, Writable } from "node:stream";

type Pending = { resolve: (value: Record<string, unknown>) => void; reject: (error: Error) => void; method: string };
type Listener = (params: Record<string, unknown>, sessionId: string | undefined) => void;

export type PipeCookie = { name: string; value: string; domain: string; path: string; expires: number; httpOnly: boolean; secure: boolean; sameSite: "Strict" | "Lax" | "None" };

/** Flags as for the Playwright browser of the same bench, so both pages run alike. */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-background-networking",
  "--disable-background-timer-throttling",
  "--disable-backgrounding-occluded-windows",
  "--disable-renderer-backgrounding",
  "--disable-component-update",
  "--disable-sync",
  "--disable-extensions",
  "--disable-dev-shm-usage",
  "--hide-scrollbars",
  "--mute-audio",
  "--remote-debugging-pipe",
];

export class PipeChromium {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<{ method: string; listener: Listener }>();
  private buffer = "";

  private constructor(
    private readonly child: ChildProcess,
    private readonly profileDir: string,
  ) {
    const output = child.stdio[4] as Readable;
    output.setEncoding("utf8");
    output.on("data", (chunk: string) => {
      this.buffer += chunk;
      for (let end = this.buffer.indexOf("\0"); end !== -1; end = this.buffer.indexOf("\0")) {
        const message = JSON.parse(this.buffer.slice(0, end)) as { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string };
        this.buffer = this.buffer.slice(end + 1);
        this.dispatch(message);
      }
    });
    child.on("exit", () => {
      for (const pending of this.pending.values()) pending.reject(new Error(`Chromium exited during ${pending.method}`));
      this.pending.clear();
    });
  }

  static async launch(executable: string, viewport: { width: number; height: number }): Promise<PipeChromium> {
    const profileDir = mkdtempSync(path.join(tmpdir(), "marginalia-pipe-chromium-"));
    const child = spawn(executable, [...FLAGS, `--user-data-dir=${profileDir}`, `--window-size=${viewport.width},${viewport.height}`, "about:blank"], {
      stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"],
    });
    const browser = new PipeChromium(child, profileDir);
    await browser.send("Browser.getVersion");
    return browser;
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const input = this.child.stdio[3] as Writable;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  /** Resolves with the first `method` event (of `sessionId`, when given) after this call. */
  once(method: string, sessionId?: string, timeoutMs = 60_000): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const entry = {
        method,
        listener: (params: Record<string, unknown>, from: string | undefined) => {
          if (sessionId && from !== sessionId) return;
          this.listeners.delete(entry);
          clearTimeout(timer);
          resolve(params);
        },
      };
      const timer = setTimeout(() => {
        this.listeners.delete(entry);
        reject(new Error(`no ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.listeners.add(entry);
    });
  }

  /** A fresh profile (empty caches, like a new Playwright context) with one blank page in it. */
  async newPage(cookies: PipeCookie[], viewport: { width: number; height: number }): Promise<PipePage> {
    const { browserContextId } = (await this.send("Target.createBrowserContext", { disposeOnDetach: true })) as { browserContextId: string };
    await this.send("Storage.setCookies", { browserContextId, cookies });
    const { targetId } = (await this.send("Target.createTarget", { url: "about:blank", browserContextId })) as { targetId: string };
    const { sessionId } = (await this.send("Target.attachToTarget", { targetId, flatten: true })) as { sessionId: string };
    await this.send("Page.enable", {}, sessionId);
    await this.send("Emulation.setDeviceMetricsOverride", { ...viewport, deviceScaleFactor: 1, mobile: false }, sessionId);
    return new PipePage(this, sessionId, browserContextId);
  }

  async close() {
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    await this.send("Browser.close").catch(() => undefined);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    this.child.kill("SIGKILL");
    rmSync(this.profileDir, { recursive: true, force: true });
  }

  private dispatch(message: { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string }) {
    if (message.id !== undefined) {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.error) pending.reject(new Error(`${pending.method}: ${message.error.message}`));
      else pending.resolve(message.result ?? {});
      return;
    }
    if (!message.method) return;
    for (const entry of [...this.listeners]) if (entry.method === message.method) entry.listener(message.params ?? {}, message.sessionId);
  }
}

export class PipePage {
  constructor(
    private readonly browser: PipeChromium,
    private readonly sessionId: string,
    private readonly browserContextId: string,
  ) {}

  addInitScript(source: string) {
    return this.browser.send("Page.addScriptToEvaluateOnNewDocument", { source }, this.sessionId);
  }

  /** Navigates and waits for the load event. */
  async goto(url: string) {
    const loaded = this.browser.once("Page.loadEventFired", this.sessionId);
    const { errorText } = (await this.browser.send("Page.navigate", { url }, this.sessionId)) as { errorText?: string };
    if (errorText) throw new Error(`navigating to ${url}: ${errorText}`);
    await loaded;
  }

  /** The value of a JavaScript expression (JSON-serializable), awaiting a promise. */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = (await this.browser.send(
      "Runtime.evaluate",
      { expression, returnByValue: true, awaitPromise: true },
      this.sessionId,
    )) as { result: { value: T }; exceptionDetails?: { text: string; exception?: { description?: string } } };
    if (exceptionDetails) throw new Error(`in page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  }

  /** Polls `expression` until it is truthy. */
  async waitFor(expression: string, timeoutMs = 60_000, pollMs = 100) {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.evaluate<boolean>(`Boolean(${expression})`))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  close() {
    return this.browser.send("Target.disposeBrowserContext", { browserContextId: this.browserContextId }).catch(() => undefined);
  }
}
