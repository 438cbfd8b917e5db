// Live review and notifications: while the instructor's review page is open, a
// student's new question joins the queue without a reload (and the group's notes
// exported from that page include it), and a reply to the instructor's annotation
// raises the bell's unread count on whatever page they are.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { signedInReader } from "./support";

const DEMO_GROUP_ID = "6d1f1f5e-3c1a-4c7e-9a51-000000000001";
const PASSWORD = "reading-together";

async function post<T>(page: Page, path: string, data: unknown): Promise<T> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.fetch(path, { method: "POST", data, headers: { origin } });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return (await response.json()) as T;
}

test("a new question reaches the open review queue, and a reply lights the bell, without a reload", async ({ browser }) => {
  const chen = await signedInReader(browser, "chen@demo.marginalia.test", PASSWORD);
  const ben = await signedInReader(browser, "ben@demo.marginalia.test", PASSWORD);

  await chen.page.goto(`/groups/${DEMO_GROUP_ID}`);
  await chen.page.getByRole("link", { name: "Review the discussion" }).click();
  await expect(chen.page.getByRole("heading", { level: 1, name: "Review the discussion" })).toBeVisible();
  const queue = chen.page.getByRole("region", { name: /Questions without an answer/ });
  const items = queue.getByRole("listitem").filter({ has: chen.page.getByRole("button", { name: "Answer" }) });
  const before = await items.count();
  // Nothing reloads the page from here on: a marker on window would vanish if it did.
  await chen.page.evaluate(() => ((window as unknown as { liveMarker: boolean }).liveMarker = true));

  // Ben asks a question in the reader's group.
  const document = await (await ben.page.request.get("/api/documents/intestinal-permeability")).json();
  const question = `Is zonulin measurable in blood? (${Date.now()})`;
  await post(ben.page, "/api/annotations", {
    documentId: document.id,
    revisionId: document.revision.id,
    groupId: DEMO_GROUP_ID,
    kind: "note",
    tags: ["question"],
    body: { format: "text", text: question },
  });
  await expect(items.filter({ hasText: question })).toHaveCount(1);
  await expect(items).toHaveCount(before + 1);

  // The group's notes export from the review page, the new question included.
  await chen.page.getByRole("button", { name: "Export notes" }).click();
  const downloading = chen.page.waitForEvent("download");
  await chen.page.getByRole("menuitem", { name: "Markdown study notes (.md)" }).click();
  const file = await downloading;
  const markdown = await readFile((await file.path())!, "utf8");
  expect(file.suggestedFilename()).toMatch(/\.md$/);
  expect(markdown).toContain(question);
  expect(markdown).toContain("Ben Okafor");

  // Ben replies to an annotation of Dr. Chen's (a fresh one, so the demo threads stay as they are): her bell counts it at once.
  const bell = chen.page.getByRole("link", { name: /^Notifications/ });
  const unreadBefore = Number((await bell.getAttribute("aria-label"))?.match(/(\d+) unread/)?.[1] ?? 0);
  const chensNote = await post<{ id: string }>(chen.page, "/api/annotations", {
    documentId: document.id,
    revisionId: document.revision.id,
    groupId: DEMO_GROUP_ID,
    // A page note (not a comment): other specs find the demo's comments by name and order.
    kind: "note",
    tags: ["evidence"],
    body: { format: "text", text: `Read the Mechanism section twice. (${Date.now()})` },
  });
  await post(ben.page, `/api/annotations/${chensNote.id}/replies`, { body: { format: "text", text: "Thanks, that helps." } });
  await expect(bell).toHaveAttribute("aria-label", `Notifications, ${unreadBefore + 1} unread`);
  expect(await chen.page.evaluate(() => (window as unknown as { liveMarker?: boolean }).liveMarker)).toBe(true);

  await chen.context.close();
  await ben.context.close();
});
