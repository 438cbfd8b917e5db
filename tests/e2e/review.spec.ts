// Reviewing a discussion as the demo group's instructor (Dr. Mei Chen) and its students
// (Ana, Ben): a question answered from the review queue leaves it at once; private
// feedback reaches its student and nobody else; an @mention chosen from the editor's
// member list notifies the mentioned member only.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousAxeViolations, signedInReader } from "./support";
import { selectWithMouse } from "./reader-support";

const DEMO_GROUP_ID = "6d1f1f5e-3c1a-4c7e-9a51-000000000001";
const PASSWORD = "reading-together";
const ACCOUNTS = { ana: "ana@demo.marginalia.test", ben: "ben@demo.marginalia.test", chen: "chen@demo.marginalia.test" } as const;

function signedIn(browser: Browser, who: keyof typeof ACCOUNTS) {
  return signedInReader(browser, ACCOUNTS[who], PASSWORD);
}

/** Writes through the API as the signed-in page would (same cookies, same origin). */
async function api<T>(page: Page, method: "GET" | "POST" | "DELETE", path: string, data?: unknown): Promise<{ status: number; body: T }> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.fetch(path, { method, data, headers: { origin } });
  const text = await response.text();
  return { status: response.status(), body: (text ? JSON.parse(text) : undefined) as T };
}

async function seedDocument(page: Page): Promise<{ id: string; revisionId: string }> {
  const { body } = await api<{ id: string; revision: { id: string } }>(page, "GET", "/api/documents/intestinal-permeability");
  return { id: body.id, revisionId: body.revision.id };
}

async function createInDemoGroup(page: Page, input: Record<string, unknown>): Promise<string> {
  const document = await seedDocument(page);
  const created = await api<{ id: string }>(page, "POST", "/api/annotations", {
    documentId: document.id,
    revisionId: document.revisionId,
    groupId: DEMO_GROUP_ID,
    ...input,
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

test("an instructor answers a question from the review queue and the queue shrinks without a reload", async ({ browser }) => {
  const ben = await signedIn(browser, "ben");
  const question = `Does the barrier heal on its own? (${Date.now()})`;
  const questionId = await createInDemoGroup(ben.page, { kind: "note", tags: ["question"], body: { format: "text", text: question } });

  const chen = await signedIn(browser, "chen");
  await chen.page.goto(`/groups/${DEMO_GROUP_ID}`);
  await chen.page.getByRole("link", { name: "Review the discussion" }).click();
  await expect(chen.page.getByRole("heading", { level: 1, name: "Review the discussion" })).toBeVisible();
  const queue = chen.page.getByRole("region", { name: /Questions without an answer/ });
  const items = queue.getByRole("listitem").filter({ has: chen.page.getByRole("button", { name: "Answer" }) });
  await expect(items.filter({ hasText: question })).toHaveCount(1);
  const before = await items.count();
  await expect(queue.getByRole("heading")).toContainText(`(${before})`);
  await expectNoSeriousAxeViolations(chen.page);

  // The heat map: choosing a shaded passage lists the threads on it; a tag narrows the shading.
  await chen.page.getByRole("button", { name: "the endocrine system", exact: true }).click();
  const passage = chen.page.getByRole("region", { name: /Threads on “the endocrine system”/ });
  await expect(passage.getByRole("listitem").filter({ hasText: "Which hormones does this mean?" })).toContainText("Ben Okafor");
  await expect(passage.getByRole("listitem").filter({ hasText: "overstates what the evidence supports" })).toContainText("Dr. Mei Chen");
  // Only "needs citation": the question's passage is no longer a shade of its own.
  await chen.page.getByLabel("Show threads tagged").selectOption("needs citation");
  await expect(chen.page.getByRole("button", { name: "the endocrine system", exact: true })).toHaveCount(0);
  await expect(chen.page.getByRole("button", { name: /This breach of the mucosal barrier/ })).toBeVisible();

  // Nothing reloads the page from here on: a marker on window would vanish if it did.
  await chen.page.evaluate(() => ((window as unknown as { reviewMarker: boolean }).reviewMarker = true));
  const item = items.filter({ hasText: question });
  await item.getByRole("button", { name: "Answer" }).click();
  await item.getByLabel("Answer to Ben Okafor").fill("It can, once the trigger is gone: see the 2021 review.");
  await item.getByRole("button", { name: "Post answer" }).click();
  await expect(items.filter({ hasText: question })).toHaveCount(0);
  await expect(items).toHaveCount(before - 1);
  await expect(queue.getByRole("heading")).toContainText(`(${before - 1})`);
  expect(await chen.page.evaluate(() => (window as unknown as { reviewMarker?: boolean }).reviewMarker)).toBe(true);

  // Ben is told about the answer.
  await ben.page.goto("/notifications");
  await expect(ben.page.getByRole("list", { name: "Notifications" })).toContainText("Dr. Mei Chen replied to your annotation");

  expect((await api(ben.page, "DELETE", `/api/annotations/${questionId}`)).status).toBe(204);
  await Promise.all([ben.context.close(), chen.context.close()]);
});

test("private feedback reaches its student and no other student", async ({ browser }) => {
  const ana = await signedIn(browser, "ana");
  const essay = `My reading of the barrier, draft ${Date.now()}`;
  const annotationId = await createInDemoGroup(ana.page, { kind: "comment", body: { format: "text", text: essay } });
  const feedback = `Private: strong start, now cite a human study (${Date.now()}).`;

  const chen = await signedIn(browser, "chen");
  await chen.page.goto(`/documents/intestinal-permeability#annotation-${annotationId}`);
  const panel = chen.page.getByRole("region", { name: /Private feedback/ });
  await panel.getByLabel("Private feedback for Ana Lima").fill(feedback);
  await panel.getByRole("button", { name: "Send private feedback" }).click();
  await expect(panel.getByRole("list")).toContainText(feedback);

  // Ana follows her notification to the thread and reads the feedback there.
  await ana.page.goto("/notifications");
  await expect(ana.page.getByRole("link", { name: "Notifications, " })).toBeVisible();
  await ana.page.getByRole("link").filter({ hasText: "Dr. Mei Chen left you private feedback" }).filter({ hasText: essay }).click();
  await expect(ana.page).toHaveURL(new RegExp(`#annotation-${annotationId}$`));
  const anasPanel = ana.page.getByRole("region", { name: /Private feedback/ });
  await expect(anasPanel).toContainText(feedback);
  await expect(anasPanel.getByRole("textbox")).toHaveCount(0);
  await expectNoSeriousAxeViolations(ana.page);

  // Ben opens the same thread: the comment, but no feedback, and the API refuses him.
  const ben = await signedIn(browser, "ben");
  await ben.page.goto(`/documents/intestinal-permeability#annotation-${annotationId}`);
  await expect(ben.page.getByRole("article", { name: "Comment by Ana Lima" }).filter({ hasText: essay })).toBeVisible();
  await expect(ben.page.getByRole("region", { name: /Private feedback/ })).toHaveCount(0);
  await expect(ben.page.getByText(feedback)).toHaveCount(0);
  expect((await api(ben.page, "GET", `/api/annotations/${annotationId}/feedback`)).status).toBe(403);

  expect((await api(ana.page, "DELETE", `/api/annotations/${annotationId}`)).status).toBe(204);
  await Promise.all([ana.context.close(), chen.context.close(), ben.context.close()]);
});

test("an @mention chosen from the member list notifies the mentioned member only", async ({ browser }) => {
  const ana = await signedIn(browser, "ana");
  await ana.page.goto("/documents/intestinal-permeability");
  await expect(ana.page.locator("[data-reader-state=interactive]")).toBeVisible();
  const words = `what do you think (${Date.now()})`;
  await selectWithMouse(ana.page, "molecular basis for this clinical phenomenon");
  await ana.page.getByRole("toolbar", { name: "Annotate selection" }).getByRole("button", { name: "Comment" }).click();
  await ana.page.getByRole("textbox", { name: "Comment" }).click();
  await ana.page.keyboard.type("@Be");
  const suggestions = ana.page.getByRole("listbox", { name: "Mention a member" });
  await expect(suggestions.getByRole("option")).toHaveText(["@Ben Okafor"]);
  await ana.page.keyboard.press("Enter");
  await ana.page.keyboard.type(words);
  await ana.page.getByRole("button", { name: "Save" }).click();
  const card = ana.page.getByRole("article", { name: "Comment by Ana Lima" }).filter({ hasText: words });
  await expect(card.locator(".mention")).toHaveText("@Ben Okafor");

  const ben = await signedIn(browser, "ben");
  await expect(ben.page.getByRole("link", { name: /^Notifications, \d+ unread$/ })).toBeVisible();
  await ben.page.getByRole("link", { name: /^Notifications/ }).click();
  const bens = ben.page.getByRole("list", { name: "Notifications" });
  await expect(bens.getByRole("listitem").filter({ hasText: words })).toContainText("Ana Lima mentioned you");
  await expectNoSeriousAxeViolations(ben.page);

  const chen = await signedIn(browser, "chen");
  await chen.page.goto("/notifications");
  await expect(chen.page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(chen.page.getByText(words)).toHaveCount(0);

  const id = await card.getAttribute("data-annotation-id");
  expect((await api(ana.page, "DELETE", `/api/annotations/${id}`)).status).toBe(204);
  await Promise.all([ana.context.close(), ben.context.close(), chen.context.close()]);
});
