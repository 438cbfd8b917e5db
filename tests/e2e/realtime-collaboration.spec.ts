// Two readers of one group, live: A's comment appears in B's sidebar and on B's text
// without a reload; each sees the other reading; A goes offline, writes a note,
// reloads, comes back, and B receives the note exactly once.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousAxeViolations, newReader } from "./support";
import { openSeedDocument, paintedHighlights, selectWithMouse, thread } from "./reader-support";

async function groupOfTwo(browser: Browser) {
  const alice = await newReader(browser, "Alice Live");
  await alice.page.getByRole("link", { name: "Groups" }).click();
  await alice.page.getByLabel("Group name").fill("Live seminar");
  await alice.page.getByRole("button", { name: "Create group" }).click();
  const code = (await alice.page.getByRole("list", { name: "Invitations" }).locator("code").first().textContent())!.trim();
  const bruno = await newReader(browser, "Bruno Live");
  await bruno.page.goto(`/join/${code}`);
  await bruno.page.getByRole("button", { name: "Join group" }).click();
  await expect(bruno.page.getByRole("heading", { level: 1, name: "Live seminar" })).toBeVisible();
  return { alice, bruno };
}

async function comment(page: Page, words: string, text: string) {
  await selectWithMouse(page, words);
  await page.getByRole("toolbar", { name: "Annotate selection" }).getByRole("button", { name: "Comment" }).click();
  await page.getByRole("textbox", { name: "Comment" }).click();
  await page.keyboard.type(text);
  await page.getByRole("button", { name: "Save" }).click();
}

test("a comment reaches the other member live, with presence, and an offline note arrives exactly once", async ({ browser }) => {
  const { alice, bruno } = await groupOfTwo(browser);
  await openSeedDocument(alice.page);
  await openSeedDocument(bruno.page);

  // Each sees the other reading now.
  await expect(alice.page.getByRole("list", { name: "Reading now in Live seminar" })).toContainText("Bruno Live");
  await expect(bruno.page.getByRole("list", { name: "Reading now in Live seminar" })).toContainText("Alice Live");

  // A's comment appears on B's screen without a reload: in the sidebar and on the text.
  // With the socket open, A's browser sends it over the socket, not as a REST request.
  const restWrites: string[] = [];
  alice.page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname.startsWith("/api/annotations")) restWrites.push(request.url());
  });
  await comment(alice.page, "molecular basis for this clinical phenomenon", "Which proteins are involved?");
  await expect(thread(alice.page, "Alice Live", "Comment")).not.toContainText("Saving…");
  expect(restWrites).toEqual([]);
  const onBruno = thread(bruno.page, "Alice Live", "Comment");
  await expect(onBruno).toContainText("Which proteins are involved?");
  // The same passage is painted on both screens (the quote as Alice's card shows it).
  const quote = (await thread(alice.page, "Alice Live", "Comment").getByRole("button", { name: /Show in text/ }).textContent())!.replace(/^Show in text:\s*/, "");
  expect(quote).toContain("molecular basis for this clinical phenomenon");
  await expect.poll(async () => (await paintedHighlights(bruno.page))["mg-yellow"]).toEqual([quote]);

  // B replies; A sees "is replying…" while B writes, then the reply.
  await onBruno.getByRole("button", { name: "Reply" }).first().click();
  await bruno.page.getByRole("textbox", { name: /Reply to Alice Live/ }).click();
  await bruno.page.keyboard.type("Zonulin, mostly.");
  await expect(alice.page.getByText("Bruno Live is replying…")).toBeVisible();
  await bruno.page.getByRole("button", { name: "Post reply" }).click();
  await expect(thread(alice.page, "Alice Live", "Comment")).toContainText("Zonulin, mostly.");
  await expect(alice.page.getByText("Bruno Live is replying…")).toHaveCount(0);
  await expectNoSeriousAxeViolations(alice.page);

  // The page is kept for offline reading before the connection goes.
  await expect(alice.page.locator("html")).toHaveAttribute("data-offline-ready", "true", { timeout: 15_000 });

  // A goes offline and writes a note: kept, shown as waiting.
  await alice.context.setOffline(true);
  await expect(alice.page.locator(".live-status")).toHaveText(/^Offline/);
  await comment(alice.page, "tight junctions", "Written on the train.");
  const note = () => alice.page.getByRole("article", { name: "Comment by Alice Live" }).filter({ hasText: "Written on the train." });
  await expect(note()).toContainText("Saving…");
  await expect(alice.page.locator(".live-status")).toContainText("1 change waiting");
  await expectNoSeriousAxeViolations(alice.page);

  // A reloads, still offline: the page comes from the offline copy and the note is still there, waiting.
  await alice.page.reload();
  await expect(alice.page.locator("[data-reader-state=interactive]")).toBeVisible();
  await expect(note()).toContainText("Saving…");
  await expect(alice.page.locator(".live-status")).toHaveText(/^Offline · 1 change waiting/);
  // Nothing has left the browser: B has not seen it.
  await expect(bruno.page.getByRole("article", { name: "Comment by Alice Live" }).filter({ hasText: "Written on the train." })).toHaveCount(0);

  // Back online: the note goes out, and B receives it exactly once.
  await alice.context.setOffline(false);
  await expect(note()).not.toContainText("Saving…", { timeout: 15_000 });
  await expect(alice.page.locator(".live-status")).toHaveText(/^Live$/);
  const onBrunoNote = bruno.page.getByRole("article", { name: "Comment by Alice Live" }).filter({ hasText: "Written on the train." });
  await expect(onBrunoNote).toHaveCount(1);
  await bruno.page.reload();
  await expect(bruno.page.getByRole("article", { name: "Comment by Alice Live" }).filter({ hasText: "Written on the train." })).toHaveCount(1);

  await alice.context.close();
  await bruno.context.close();
});
