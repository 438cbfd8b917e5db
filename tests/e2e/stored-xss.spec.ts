// Stored XSS: every payload in xss-vectors.ts is saved (or refused) through the API as a display
// name, a group name and description, a comment body (plain text and Tiptap JSON), a reply, a tag,
// a link href, a flag reason and an API token name, then a victim who shares the groups visits
// every view in Chromium. No payload may run: no dialog, no trap global set, no CSP violation, no
// request to the attacker's host, no active markup in the DOM, and each payload reads as text.
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { describeTextRange } from "../../lib/anchoring/describe-range";
import type { AnnotationSelectors } from "../../lib/anchoring/selectors";
import { FlagRequest, TagSchema } from "../../lib/api/annotations";
import { CreateGroupRequest } from "../../lib/api/groups";
import { CreateTokenRequest } from "../../lib/api/tokens";
import { DisplayNameSchema } from "../../lib/api/users";
import { isAllowedLinkHref } from "../../lib/rich-text/tiptap-schema";
import { signIn, uniqueEmail } from "./support";
import { EVIL_HOST, TIPTAP_TRICKS, UNSTORABLE_VECTORS, XSS_VECTORS } from "./xss-vectors";

const PASSWORD = "stored-xss-password";
const SLUG = "intestinal-permeability";
/** Concurrent API requests while planting the payloads. */
const PARALLEL_REQUESTS = 12;
/** Tabs that visit the group pages side by side. */
const PARALLEL_TABS = 4;

// ---- The API, with a bearer token ------------------------------------------------------------------

type ApiAnswer = { status: number; data: Record<string, unknown> };
type Account = { id: string; email: string; name: string; token: string };

async function api(request: APIRequestContext, method: "GET" | "POST" | "PATCH", path: string, token?: string, body?: unknown): Promise<ApiAnswer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await request.fetch(path, {
    method,
    headers,
    // Strings are sent as they are, so raw JSON (a "__proto__" key) reaches the server intact.
    data: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let data: Record<string, unknown> = {};
  try {
    data = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    data = { raw: text };
  }
  return { status: response.status(), data };
}

async function createAccount(request: APIRequestContext, label: string, name: string): Promise<Account> {
  const email = uniqueEmail(label);
  const user = await api(request, "POST", "/api/users", undefined, { email, name, password: PASSWORD });
  expect(user.status, `sign-up of ${label} as ${JSON.stringify(name)}: ${JSON.stringify(user.data)}`).toBe(201);
  const token = await api(request, "POST", "/api/tokens", undefined, { email, password: PASSWORD });
  expect(token.status, `token for ${label}: ${JSON.stringify(token.data)}`).toBe(201);
  return { id: user.data.id as string, email, name: user.data.name as string, token: token.data.token as string };
}

async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index]!, index);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// ---- Bookkeeping: what each field saved or refused, checked against the zod contract -------------

type Field =
  | "display name"
  | "group name"
  | "group description"
  | "comment body (text)"
  | "reply body (Tiptap text node)"
  | "tag"
  | "link href (Tiptap link mark)"
  | "flag reason"
  | "API token name";

class Ledger {
  readonly saved = new Map<Field, string[]>();
  readonly refused = new Map<Field, string[]>();
  readonly problems: string[] = [];

  /** Records the answer; `accept` is what the zod contract says the server must do. */
  note(field: Field, vector: string, answer: ApiAnswer, accept: boolean): boolean {
    const ok = answer.status >= 200 && answer.status < 300;
    if (answer.status >= 500) this.problems.push(`${field}: ${answer.status} (never a 5xx) for ${JSON.stringify(vector)}`);
    else if (ok !== accept) {
      this.problems.push(`${field}: ${answer.status}, expected ${accept ? "2xx" : "4xx"} for ${JSON.stringify(vector)}: ${JSON.stringify(answer.data)}`);
    }
    const bucket = ok ? this.saved : this.refused;
    bucket.set(field, [...(bucket.get(field) ?? []), vector]);
    return ok;
  }

  summary(): Record<string, string> {
    const fields = new Set([...this.saved.keys(), ...this.refused.keys()]);
    return Object.fromEntries(
      [...fields].map((field) => [field, `${this.saved.get(field)?.length ?? 0} saved, ${this.refused.get(field)?.length ?? 0} refused`]),
    );
  }
}

// ---- Anchors on the seed document ----------------------------------------------------------------

/** `count` short passages spread over the text (three words each), as stored selectors. */
function passages(text: string, count: number): AnnotationSelectors[] {
  const words = [...text.matchAll(/\S+/g)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  return Array.from({ length: count }, (_, index) => {
    const first = Math.floor((index * (words.length - 3)) / count);
    const described = describeTextRange(text, words[first]!.start, words[first + 2]!.end);
    if (!described.ok) throw new Error(described.message);
    return described.selectors;
  });
}

/** Whitespace-free, so a payload split into paragraphs or lines still matches its rendering. */
const squash = (value: string) => value.replace(/\s+/g, "");

/**
 * Payloads packed (first fit, longest first) into as few strings of at most `limit` characters as
 * they fit in: the victim must join every group it is to see, and joining is a rate-limited write.
 */
function pack(vectors: readonly string[], limit: number, separator: string): string[][] {
  const bins: string[][] = [];
  for (const vector of [...vectors].sort((left, right) => right.length - left.length)) {
    const bin = bins.find((candidate) => [...candidate, vector].join(separator).length <= limit);
    if (bin) bin.push(vector);
    else bins.push([vector]);
  }
  return bins;
}

// ---- The trap in the browser ---------------------------------------------------------------------

type TrapRecord = { dialogs: string[]; globals: string[]; csp: string[] };

/** Runs before any page script: counts dialogs, traps the globals payloads set, collects CSP violations. */
function installTrap() {
  const target = window as unknown as Record<string, unknown>;
  const record: TrapRecord = { dialogs: [], globals: [], csp: [] };
  Object.defineProperty(window, "__xssTrap", { value: record });
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    const original = target[name] as (...args: unknown[]) => unknown;
    target[name] = function (this: unknown, ...args: unknown[]) {
      record.dialogs.push(`${name}(${args.map(String).join(", ")})`);
      // alert/confirm/prompt still open, so the page's dialog listener sees them too.
      return name === "print" ? undefined : original.apply(this, args);
    };
  }
  for (const name of ["__pwned", "__xss"]) {
    let value: unknown;
    Object.defineProperty(window, name, {
      configurable: false,
      get: () => value,
      set: (next: unknown) => {
        record.globals.push(`${name}=${String(next)}`);
        value = next;
      },
    });
  }
  document.addEventListener("securitypolicyviolation", (event) =>
    record.csp.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`),
  );
}

type Trap = { dialogs: string[]; outsideRequests: string[] };

async function armContext(context: BrowserContext): Promise<Trap> {
  const trap: Trap = { dialogs: [], outsideRequests: [] };
  await context.addInitScript(installTrap);
  context.on("dialog", (dialog) => {
    trap.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (/^(https?|wss?):$/.test(url.protocol) && url.hostname !== "localhost") trap.outsideRequests.push(request.url());
  });
  return trap;
}

/** Active markup anywhere in the page, and anything but the comment allow-list inside comment bodies. */
function auditDom(evilHost: string): string[] {
  const problems: string[] = [];
  const describe = (element: Element) => element.outerHTML.slice(0, 160);
  const reactFormGuard = "javascript:throw new Error('A React form was unexpectedly submitted";
  const urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "background", "srcdoc", "dynsrc", "lowsrc", "poster", "srcset", "content"];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) problems.push(`event handler ${name}: ${describe(element)}`);
      if (urlAttributes.includes(name)) {
        // eslint-disable-next-line no-control-regex
        const value = attribute.value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
        if (value.startsWith(reactFormGuard.toLowerCase().replace(/\s/g, ""))) continue;
        // A link to any http(s) site is ordinary; anything the page would load from the attacker is not.
        if (/^(javascript|vbscript|data:text|data:image\/svg)/.test(value) || (name !== "href" && value.includes(evilHost))) {
          problems.push(`dangerous ${name}: ${describe(element)}`);
        }
      }
      if (name === "style" && /url\(|expression|behavior|binding/i.test(attribute.value)) problems.push(`style: ${describe(element)}`);
    }
  }
  const active = "iframe, frame, frameset, object, embed, applet, base, portal, isindex, keygen, bgsound, layer, marquee, math, xmp, noembed, meta[http-equiv], link[rel=import], svg script, svg foreignObject, svg animate, svg set";
  for (const element of document.querySelectorAll(active)) problems.push(`active element: ${describe(element)}`);
  // The app's inline scripts (Next's flight data, which carries the payloads JSON-escaped) have the
  // page's nonce; a script parsed out of stored markup has none, or loads from elsewhere.
  for (const script of document.querySelectorAll("script")) {
    if ((!script.src && !script.nonce) || (script.src && new URL(script.src).origin !== location.origin)) {
      problems.push(`foreign script: ${describe(script)}`);
    }
  }
  for (const style of document.querySelectorAll("style")) {
    if (/evil\.example|expression\(|javascript:|@import/i.test(style.textContent ?? "")) problems.push(`foreign style: ${describe(style)}`);
  }
  const allowedTags = new Set(["P", "BR", "STRONG", "EM", "CODE", "S", "A", "UL", "OL", "LI", "BLOCKQUOTE"]);
  for (const body of document.querySelectorAll(".entry-body")) {
    for (const element of body.querySelectorAll("*")) {
      if (!allowedTags.has(element.tagName)) problems.push(`comment body holds <${element.tagName.toLowerCase()}>: ${describe(element)}`);
      for (const attribute of element.attributes) {
        const allowed =
          (element.tagName === "A" && ["href", "rel", "target"].includes(attribute.name)) || (element.tagName === "OL" && attribute.name === "start");
        if (!allowed) problems.push(`comment body attribute ${attribute.name}: ${describe(element)}`);
      }
      if (element.tagName === "A") {
        const href = element.getAttribute("href") ?? "";
        if (!/^(https?:\/\/|mailto:)/i.test(href)) problems.push(`comment link ${href}`);
        if (element.getAttribute("rel") !== "noopener noreferrer nofollow" || element.getAttribute("target") !== "_blank") {
          problems.push(`comment link rel/target: ${describe(element)}`);
        }
      }
    }
  }
  return problems;
}

/** Nothing ran on this page and nothing active is in its DOM. */
async function expectClean(page: Page, trap: Trap, view: string) {
  const inPage = await page.evaluate(() => {
    const record = (window as unknown as { __xssTrap: TrapRecord }).__xssTrap;
    const globals = window as unknown as Record<string, unknown>;
    return { ...record, pwned: globals.__pwned, xss: globals.__xss };
  });
  const dom = await page.evaluate(auditDom, EVIL_HOST);
  expect.soft(trap.dialogs, `dialogs opened (${view})`).toEqual([]);
  expect.soft(inPage.dialogs, `alert/confirm/prompt/print called (${view})`).toEqual([]);
  expect.soft(inPage.globals, `trap globals set (${view})`).toEqual([]);
  expect.soft(inPage.pwned, `window.__pwned (${view})`).toBeUndefined();
  expect.soft(inPage.xss, `window.__xss (${view})`).toBeUndefined();
  expect.soft(inPage.csp, `CSP violations (${view})`).toEqual([]);
  expect.soft(trap.outsideRequests, `requests that left the origin (${view})`).toEqual([]);
  expect.soft(dom, `active markup in the DOM (${view})`).toEqual([]);
}

type Card = { id: string; authors: string[]; bodies: string[]; tags: string[]; groups: string[] };

/** Scrolls the virtualized thread list from top to bottom, expanding resolved threads, and returns every card's text. */
async function readWholeFeed(page: Page): Promise<Map<string, Card>> {
  const feed = page.getByRole("feed", { name: "Annotation threads" });
  await expect(feed.locator("article").first()).toBeVisible();
  // One round trip: scroll, let the virtualizer render, expand resolved threads, read, repeat.
  const cards = await feed.evaluate(async (element) => {
    const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const texts = (root: Element, selector: string) => [...root.querySelectorAll(selector)].map((node) => node.textContent ?? "");
    const seen = new Map<string, { id: string; authors: string[]; bodies: string[]; tags: string[]; groups: string[] }>();
    element.scrollTop = 0;
    await frames();
    for (let step = 0; step < 2000; step++) {
      const collapsed = [...element.querySelectorAll<HTMLButtonElement>("article .resolved-bar button")];
      if (collapsed.length > 0 && step % 2 === 0) {
        for (const button of collapsed) button.click();
        await frames();
        continue;
      }
      for (const article of element.querySelectorAll("article[data-annotation-id]")) {
        if (article.querySelector(".resolved-bar")) continue;
        const id = article.getAttribute("data-annotation-id") ?? "";
        const card = { id, authors: texts(article, ".entry-header .author"), bodies: texts(article, ".entry-body"), tags: texts(article, ".tag-chip"), groups: texts(article, ".visibility") };
        seen.set(id, card);
      }
      if (element.scrollTop + element.clientHeight >= element.scrollHeight - 2) break;
      element.scrollTop += Math.max(200, element.clientHeight * 0.8);
      await frames();
    }
    return [...seen.values()];
  });
  return new Map(cards.map((card) => [card.id, card]));
}

/** Scrolls the virtualized thread list until the thread's card is rendered. */
async function scrollToThread(page: Page, id: string) {
  const found = await page.getByRole("feed", { name: "Annotation threads" }).evaluate(async (element, wanted) => {
    const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    element.scrollTop = 0;
    await frames();
    for (let step = 0; step < 2000; step++) {
      const card = element.querySelector(`article[data-annotation-id="${wanted}"]`);
      if (card) {
        card.scrollIntoView({ block: "center" });
        await frames();
        return true;
      }
      if (element.scrollTop + element.clientHeight >= element.scrollHeight - 2) return false;
      element.scrollTop += Math.max(200, element.clientHeight * 0.8);
      await frames();
    }
    return false;
  }, id);
  expect(found, `thread ${id} in the discussion`).toBe(true);
}

// ---- The test ------------------------------------------------------------------------------------

test("stored XSS payloads in names, groups, comments, tags and links run nowhere", async ({ browser, request }) => {
  test.setTimeout(180_000);
  expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(100);
  expect(new Set(XSS_VECTORS).size).toBe(XSS_VECTORS.length);
  const ledger = new Ledger();
  const started = Date.now();
  const mark = (phase: string) => console.log(`[stored-xss] ${phase}: ${((Date.now() - started) / 1000).toFixed(1)}s`);

  // The victim's own name and token names are payloads too: the header, home and account pages show them.
  const victimName = `<img src=x onerror=window.__pwned=1>`;
  const victim = await createAccount(request, "xss-victim", victimName);
  const lead = await createAccount(request, "xss-lead", `"><svg onload=window.__pwned=1>`);

  const documents = await api(request, "GET", "/api/documents", lead.token);
  const summary = (documents.data as unknown as Array<{ id: string; slug: string }>).find((entry) => entry.slug === SLUG);
  expect(summary, "the seed document").toBeTruthy();
  const documentDetail = await api(request, "GET", `/api/documents/${summary!.id}`, lead.token);
  const revision = documentDetail.data.revision as { id: string; text: string };
  const anchors = passages(revision.text, 60);
  const anchor = (index: number) => ({ selector: anchors[index % anchors.length]! });
  const base = { documentId: summary!.id, revisionId: revision.id };

  // The shared group: its name and description are payloads; the victim is an instructor in it
  // so the moderation log (flag reasons, actor names) is on the victim's screen as well.
  const mainGroup = await api(request, "POST", "/api/groups", lead.token, {
    name: `<script>window.__pwned=1</script>`,
    description: XSS_VECTORS.slice(0, 12).join("\n"),
  });
  expect(mainGroup.status).toBe(201);
  const mainGroupId = mainGroup.data.id as string;
  expect((await api(request, "POST", "/api/groups/join", victim.token, { inviteCode: mainGroup.data.inviteCode })).status).toBe(201);
  expect((await api(request, "PATCH", `/api/groups/${mainGroupId}/members/${victim.id}`, lead.token, { role: "instructor" })).status).toBe(200);

  // One attacker per payload, whose display name is that payload when the name rules allow it.
  const attackers = await inParallel(XSS_VECTORS, PARALLEL_REQUESTS, async (vector, index) => {
    const email = uniqueEmail(`xss-attacker-${index}`);
    const answer = await api(request, "POST", "/api/users", undefined, { email, name: vector, password: PASSWORD });
    const saved = ledger.note("display name", vector, answer, DisplayNameSchema.safeParse(vector).success);
    const user = saved ? answer : await api(request, "POST", "/api/users", undefined, { email, name: `Attacker ${index}`, password: PASSWORD });
    expect(user.status).toBe(201);
    const token = await api(request, "POST", "/api/tokens", undefined, { email, password: PASSWORD });
    expect(token.status).toBe(201);
    return { id: user.data.id as string, email, name: user.data.name as string, token: token.data.token as string };
  });

  mark("attackers signed up");
  // Each attacker joins the shared group and plants its payload everywhere it may.
  const comments = await inParallel(XSS_VECTORS, PARALLEL_REQUESTS, async (vector, index) => {
    const attacker = attackers[index]!;
    expect((await api(request, "POST", "/api/groups/join", attacker.token, { inviteCode: mainGroup.data.inviteCode })).status).toBe(201);

    // Names that fit are saved below, packed several to a group; the rest are tried alone here.
    if (!CreateGroupRequest.safeParse({ name: vector }).success) {
      ledger.note("group name", vector, await api(request, "POST", "/api/groups", attacker.token, { name: vector }), false);
    }

    const comment = await api(request, "POST", "/api/annotations", attacker.token, {
      ...base,
      groupId: mainGroupId,
      kind: "comment",
      target: anchor(index),
      body: { format: "text", text: vector },
    });
    ledger.note("comment body (text)", vector, comment, true);
    const commentId = comment.data.id as string;

    const reply = await api(request, "POST", `/api/annotations/${commentId}/replies`, attacker.token, {
      body: {
        format: "tiptap",
        doc: {
          type: "doc",
          content: [
            { type: "paragraph", content: [{ type: "text", text: vector, marks: [{ type: "bold" }] }] },
            { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: vector, marks: [{ type: "code" }] }] }] },
            { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: vector, marks: [{ type: "link", attrs: { href: "https://example.org/" } }] }] }] }] },
          ],
        },
      },
    });
    ledger.note("reply body (Tiptap text node)", vector, reply, true);

    const tagged = await api(request, "POST", "/api/annotations", attacker.token, {
      ...base,
      groupId: mainGroupId,
      kind: "note",
      target: anchor(index + 7),
      tags: [vector],
    });
    ledger.note("tag", vector, tagged, TagSchema.safeParse(vector).success);

    const linked = await api(request, "POST", "/api/annotations", attacker.token, {
      ...base,
      groupId: mainGroupId,
      kind: "comment",
      target: anchor(index + 13),
      body: { format: "tiptap", doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "a link", marks: [{ type: "link", attrs: { href: vector } }] }] }] } },
    });
    ledger.note("link href (Tiptap link mark)", vector, linked, isAllowedLinkHref(vector.trim()));

    // Every fifteenth thread is resolved, so the victim has to expand it to see it.
    if (index % 15 === 0) expect((await api(request, "POST", `/api/annotations/${commentId}/resolve`, attacker.token)).status).toBe(200);
    return commentId;
  });

  mark("payloads planted");
  // Flags (the moderation log shows each reason and who flagged).
  await inParallel(XSS_VECTORS, PARALLEL_REQUESTS, async (vector, index) => {
    const target = comments[(index + 1) % comments.length]!;
    const flag = await api(request, "POST", `/api/annotations/${target}/flag`, attackers[index]!.token, { reason: vector });
    ledger.note("flag reason", vector, flag, FlagRequest.safeParse({ reason: vector }).success);
  });

  // Tiptap JSON tricks: refused, or saved with every smuggled attribute gone from the stored HTML.
  const trickProblems: string[] = [];
  const trickCounts = { refused: 0, saved: 0 };
  await inParallel(TIPTAP_TRICKS, PARALLEL_REQUESTS, async (trick, index) => {
    const attacker = attackers[index % attackers.length]!;
    const body = typeof trick.body === "string" ? trick.body : JSON.stringify(trick.body);
    const raw = `{"documentId":"${base.documentId}","revisionId":"${base.revisionId}","groupId":"${mainGroupId}","kind":"comment","body":${body}}`;
    const answer = await api(request, "POST", "/api/annotations", attacker.token, raw);
    const ok = answer.status >= 200 && answer.status < 300;
    if (ok) trickCounts.saved += 1;
    else trickCounts.refused += 1;
    if (answer.status >= 500) trickProblems.push(`${trick.name}: ${answer.status}`);
    if (trick.expect === "refused" && ok) trickProblems.push(`${trick.name}: saved (${answer.status}), expected a refusal`);
    if (trick.expect === "stripped" && ok) {
      const stored = answer.data.body as { html: string; doc: unknown };
      // Text is escaped, so every "<" in the stored HTML opens a real tag.
      for (const tag of stored.html.match(/<[^>]*>/g) ?? []) {
        const attributes = [...tag.matchAll(/\s([^\s=]+)=/g)].map((match) => match[1]!);
        if (!/^<\/?(p|br|strong|em|code|s|a|ul|ol|li|blockquote)[\s>/]/.test(tag) || attributes.some((name) => !["href", "rel", "target", "start"].includes(name))) {
          trickProblems.push(`${trick.name}: stored HTML has ${tag}`);
        }
      }
      const marks = JSON.stringify(stored.doc).match(/"attrs":\{[^}]*\}/g) ?? [];
      if (marks.some((attrs) => /"(class|title|rel|onclick|style)"/.test(attrs))) trickProblems.push(`${trick.name}: stored attrs ${marks.join(" ")}`);
    }
  });

  // The victim's own comment (opened in the editor later) and token names (listed on the account page).
  const own = await api(request, "POST", "/api/annotations", victim.token, {
    ...base,
    groupId: mainGroupId,
    kind: "comment",
    body: {
      format: "tiptap",
      doc: {
        type: "doc",
        content: [
          { type: "paragraph", content: [{ type: "text", text: `<script>window.__pwned=1</script>`, marks: [{ type: "italic" }] }] },
          {
            type: "paragraph",
            content: [{ type: "text", text: "my link", marks: [{ type: "link", attrs: { href: `https://example.org/"><img/src/onerror=window.__pwned=1>`, class: `x" onclick="window.__pwned=1`, target: "_blank" } }] }],
          },
        ],
      },
    },
  });
  expect(own.status, JSON.stringify(own.data)).toBe(201);
  const tokenNames = XSS_VECTORS.filter((vector) => CreateTokenRequest.shape.name.safeParse(vector).success).slice(0, 30);
  await inParallel(tokenNames, PARALLEL_REQUESTS, async (vector) => {
    const answer = await api(request, "POST", "/api/tokens", undefined, { email: victim.email, password: PASSWORD, name: vector });
    ledger.note("API token name", vector, answer, true);
  });

  // The groups the victim sees: every name-length payload in a group name and every payload in a
  // description, packed into as few groups as fit (100 and 1,000 characters), because the victim's
  // joins count against its write budget (RATE_LIMIT_WRITES_PER_ACCOUNT, 120 a minute).
  const names = pack(XSS_VECTORS.filter((vector) => CreateGroupRequest.safeParse({ name: vector }).success), 100, " ");
  const descriptions = pack(XSS_VECTORS, 1000, "\n");
  expect(names.length + 2, "the victim's writes fit its budget").toBeLessThan(110);
  expect(descriptions.length, "every description pack has a group").toBeLessThanOrEqual(names.length);
  const packedGroups = await inParallel(names, PARALLEL_REQUESTS, async (nameParts, index) => {
    const name = nameParts.join(" ");
    const description = descriptions[index]?.join("\n");
    const group = await api(request, "POST", "/api/groups", attackers[index]!.token, { name, ...(description ? { description } : {}) });
    for (const vector of nameParts) ledger.note("group name", vector, group, true);
    for (const vector of descriptions[index] ?? []) ledger.note("group description", vector, group, true);
    expect(group.status, JSON.stringify(group.data)).toBe(201);
    expect((await api(request, "POST", "/api/groups/join", victim.token, { inviteCode: group.data.inviteCode })).status).toBe(201);
    return { id: group.data.id as string, name: group.data.name as string, description };
  });
  mark("packed groups");

  expect(ledger.problems, "answers that break the API contract").toEqual([]);
  expect(trickProblems, "Tiptap JSON tricks").toEqual([]);
  const counts = { ...ledger.summary(), "Tiptap JSON tricks": `${trickCounts.saved} saved (attributes stripped), ${trickCounts.refused} refused` };
  test.info().annotations.push({ type: "vectors", description: `${XSS_VECTORS.length} payloads, ${TIPTAP_TRICKS.length} Tiptap tricks` });
  test.info().annotations.push({ type: "saved vs refused", description: JSON.stringify(counts) });
  test.info().annotations.push({ type: "setup seconds", description: String((Date.now() - started) / 1000) });
  console.log(`[stored-xss] ${XSS_VECTORS.length} payloads, ${packedGroups.length} packed groups, setup ${(Date.now() - started) / 1000}s`, counts);

  // ---- The victim visits every view ----------------------------------------------------------------
  const context = await browser.newContext({ viewport: { width: 1280, height: 1200 } });
  const trap = await armContext(context);
  const page = await context.newPage();
  const savedNames = ledger.saved.get("display name") ?? [];

  await signIn(page, victim.email, PASSWORD);
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
  await expect(page.locator(".lede")).toContainText(`Welcome back, ${victimName}.`);
  await expect(page.locator(".nav-user")).toHaveText(victimName);
  await expectClean(page, trap, "/");

  await page.goto("/groups");
  await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
  const listedGroups = await page.getByRole("list", { name: "My groups" }).locator(".doc-title").allTextContents();
  expect(new Set(listedGroups)).toEqual(new Set([`${victimName}'s notes`, "<script>window.__pwned=1</script>", ...packedGroups.map((group) => group.name)]));
  await expectClean(page, trap, "/groups");

  await page.goto(`/groups/${mainGroupId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("<script>window.__pwned=1</script>");
  expect(squash((await page.locator(".lede").textContent()) ?? "")).toBe(squash(XSS_VECTORS.slice(0, 12).join("")));
  const members = await page.getByRole("list", { name: "Members" }).locator("strong").allTextContents();
  for (const name of savedNames) expect.soft(members, "members list shows each display name as text").toContain(name.trim());
  const log = (await page.getByRole("list", { name: "Moderation log" }).textContent()) ?? "";
  for (const reason of ledger.saved.get("flag reason") ?? []) expect.soft(squash(log), "moderation log shows each flag reason").toContain(squash(reason));
  const vocabulary = await page.getByRole("list", { name: "Tag vocabulary" }).locator(".tag-chip").allTextContents();
  for (const tag of ledger.saved.get("tag") ?? []) expect.soft(vocabulary).toContain(TagSchema.parse(tag));
  await expectClean(page, trap, "/groups/{main}");

  // The pages of the groups whose descriptions hold the payloads, a few tabs at a time (every
  // group's name is checked on /groups above and in the reader's group menus below).
  const described = packedGroups.filter((group) => group.description !== undefined);
  const tabs = [page, ...(await Promise.all(Array.from({ length: PARALLEL_TABS - 1 }, () => context.newPage())))];
  await Promise.all(
    tabs.map(async (tab, tabIndex) => {
      for (let index = tabIndex; index < described.length; index += tabs.length) {
        const group = described[index]!;
        await tab.goto(`/groups/${group.id}`);
        await expect(tab.getByRole("heading", { level: 1 })).toHaveText(group.name);
        expect(squash((await tab.locator(".lede").textContent()) ?? "")).toBe(squash(group.description!));
        await expectClean(tab, trap, `/groups/${group.id}`);
      }
    }),
  );
  for (const tab of tabs.slice(1)) await tab.close();
  mark("group pages");

  // The reader: every thread card, every reply, every author and tag, as text.
  await page.goto(`/documents/${SLUG}`);
  await expect(page.locator("[data-reader-state=interactive]")).toBeVisible();
  const cards = await readWholeFeed(page);
  mark("discussion read");
  await expectClean(page, trap, "/documents (after scrolling the whole discussion)");
  const bodies = new Set([...cards.values()].flatMap((card) => card.bodies.map(squash)));
  const authors = new Set([...cards.values()].flatMap((card) => card.authors));
  const chips = new Set([...cards.values()].flatMap((card) => card.tags));
  for (const commentId of comments) expect.soft(cards.has(commentId), `thread ${commentId} rendered`).toBe(true);
  for (const vector of XSS_VECTORS) {
    expect.soft(bodies.has(squash(vector)), `comment body shows ${JSON.stringify(vector)} as text`).toBe(true);
    expect.soft(bodies.has(squash(vector.repeat(3))), `reply body shows ${JSON.stringify(vector)} as text`).toBe(true);
  }
  for (const name of savedNames) expect.soft(authors.has(name.trim()), `author ${JSON.stringify(name)} shown as text`).toBe(true);
  for (const tag of ledger.saved.get("tag") ?? []) expect.soft(chips.has(TagSchema.parse(tag)), `tag ${JSON.stringify(tag)} shown`).toBe(true);
  expect([...cards.values()].some((card) => card.groups.includes("<script>window.__pwned=1</script>"))).toBe(true);
  // The literal payload is on screen as characters, not as an element.
  expect([...cards.values()].some((card) => card.bodies.includes("<script>window.__pwned=1</script>"))).toBe(true);
  expect([...cards.values()].some((card) => card.bodies.includes(`<img src=x onerror=window.__pwned=1>`))).toBe(true);
  // Every group (names packed with payloads) is offered in the reader's group menus, as text.
  const groupOptions = await page.getByLabel("New annotations go to").locator("option").allTextContents();
  for (const group of packedGroups) expect.soft(groupOptions, "group menu shows each group name").toContain(group.name);

  // Filters list authors and tags as options.
  const authorOptions = await page.getByLabel("Author", { exact: true }).locator("option").allTextContents();
  for (const name of savedNames) expect.soft(authorOptions).toContain(name.trim());
  const savedTags = (ledger.saved.get("tag") ?? []).map((tag) => TagSchema.parse(tag));
  if (savedTags.length > 0) {
    await page.getByText("Filter and search").click();
    await page.getByLabel("Tag", { exact: true }).selectOption(savedTags[0]!);
    await expect(page.locator(".active-filter")).toContainText(savedTags[0]!);
    await page.getByRole("button", { name: "Clear filters" }).click();
  }

  // The victim's own comment reopened in the Tiptap editor, and a reply editor labelled with a payload name.
  const feed = page.getByRole("feed", { name: "Annotation threads" });
  await feed.evaluate((element) => element.scrollTo({ top: 0 }));
  const ownCard = feed.locator(`article[data-annotation-id="${own.data.id as string}"]`);
  await expect(ownCard.locator(".entry-body em")).toHaveText("<script>window.__pwned=1</script>");
  await ownCard.getByRole("button", { name: "Edit" }).click();
  const editor = page.getByRole("textbox", { name: "Edit comment" });
  await expect(editor).toContainText("<script>window.__pwned=1</script>");
  await expect(editor.locator("a")).toHaveAttribute("href", `https://example.org/"><img/src/onerror=window.__pwned=1>`);
  await expectClean(page, trap, "/documents (editing a stored comment)");
  await ownCard.getByRole("button", { name: "Cancel" }).click();
  const replyTo = attackers[1]!;
  await scrollToThread(page, comments[1]!);
  await feed.locator(`article[data-annotation-id="${comments[1]!}"]`).getByRole("button", { name: "Reply" }).first().click();
  await expect(page.getByRole("textbox", { name: `Reply to ${replyTo.name}`, exact: true })).toBeVisible();
  await expectClean(page, trap, "/documents (reply editor)");

  mark("reader");
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await expect(page.locator("dd").first()).toHaveText(victimName);
  const tokenList = (await page.locator("main").textContent()) ?? "";
  for (const name of ledger.saved.get("API token name") ?? []) expect.soft(squash(tokenList), "token names shown as text").toContain(squash(name));
  await expectClean(page, trap, "/account");

  await context.close();
  console.log(`[stored-xss] total ${(Date.now() - started) / 1000}s, ${cards.size} thread cards read`);
});

// PostgreSQL text cannot hold NUL and UTF-8 cannot encode a lone surrogate. Every text field must
// refuse both with 400 at the door: a NUL that reaches the database is a 500 ("invalid byte sequence
// for encoding UTF8: 0x00"), and a lone surrogate is silently stored as U+FFFD.
test("NUL bytes and lone surrogates are refused with 400 in every field", async ({ request }) => {
  const owner = await createAccount(request, "xss-unstorable", "Unstorable Tester");
  const group = await api(request, "POST", "/api/groups", owner.token, { name: "Unstorable checks" });
  const groupId = group.data.id as string;
  const documents = await api(request, "GET", "/api/documents", owner.token);
  const seed = (documents.data as unknown as Array<{ id: string; slug: string; revisionId: string }>).find((entry) => entry.slug === SLUG)!;
  const base = { documentId: seed.id, revisionId: seed.revisionId };
  const note = await api(request, "POST", "/api/annotations", owner.token, { ...base, groupId, kind: "comment", body: { format: "text", text: "a page note to flag" } });
  const noteId = note.data.id as string;
  const statuses: Record<string, number> = {};
  for (const [index, vector] of UNSTORABLE_VECTORS.entries()) {
    const tiptap = { format: "tiptap", doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: vector }] }] } };
    const attempts: Record<string, () => Promise<ApiAnswer>> = {
      "comment body (text)": () => api(request, "POST", "/api/annotations", owner.token, { ...base, groupId, kind: "comment", body: { format: "text", text: vector } }),
      "comment body (Tiptap)": () => api(request, "POST", "/api/annotations", owner.token, { ...base, groupId, kind: "comment", body: tiptap }),
      "reply body": () => api(request, "POST", `/api/annotations/${noteId}/replies`, owner.token, { body: tiptap }),
      "display name": () => api(request, "POST", "/api/users", undefined, { email: uniqueEmail("xss-unstorable-name"), name: vector, password: PASSWORD }),
      "group name": () => api(request, "POST", "/api/groups", owner.token, { name: vector }),
      "group description": () => api(request, "POST", "/api/groups", owner.token, { name: "ok", description: vector }),
      "group rename": () => api(request, "PATCH", `/api/groups/${groupId}`, owner.token, { name: vector }),
      "group description edit": () => api(request, "PATCH", `/api/groups/${groupId}`, owner.token, { description: vector }),
      "flag reason": () => api(request, "POST", `/api/annotations/${noteId}/flag`, owner.token, { reason: vector }),
      "hide reason": () => api(request, "POST", `/api/annotations/${noteId}/hide`, owner.token, { reason: vector }),
      "API token name": () => api(request, "POST", "/api/tokens", undefined, { email: owner.email, password: PASSWORD, name: vector }),
    };
    for (const [field, attempt] of Object.entries(attempts)) statuses[`${field} #${index}`] = (await attempt()).status;
  }
  test.info().annotations.push({ type: "statuses", description: JSON.stringify(statuses) });
  for (const [field, status] of Object.entries(statuses)) expect.soft(status, field).toBe(400);
});
