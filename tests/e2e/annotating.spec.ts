// Annotating the text as a reader does: select, highlight, comment, tag, reply,
// react, resolve, edit and delete; overlapping highlights stay visible and clickable.
import { expect, test } from "@playwright/test";
import { DEMO, expectNoSeriousAxeViolations, signIn, signUp, uniqueEmail } from "./support";
import {
  clickWord,
  extendSelectionWithKeyboard,
  openSeedDocument,
  paintedHighlights,
  selectOpeningWithKeyboard,
  selectWithMouse,
  thread,
} from "./reader-support";

test.describe("a new reader annotating", () => {
  test.beforeEach(async ({ page }) => {
    await signUp(page, { name: "Ida Reader", email: uniqueEmail("ida"), password: "reading is fun" });
    await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
    await openSeedDocument(page);
    await expect(page.getByText("No annotations yet.", { exact: false })).toBeVisible();
  });

  test("select with the mouse, comment, reload: the comment is still on the same words", async ({ page }) => {
    await selectWithMouse(page, "molecular basis for this clinical phenomenon");
    await page.getByRole("toolbar", { name: "Annotate selection" }).getByRole("button", { name: "Comment" }).click();
    const editor = page.getByRole("textbox", { name: "Comment" });
    await editor.click();
    await page.keyboard.type("Which ");
    await page.getByRole("button", { name: "Bold" }).click();
    await page.keyboard.type("proteins");
    await page.getByRole("button", { name: "Bold" }).click();
    await page.keyboard.type(" exactly?");
    await page.getByRole("button", { name: "Save" }).click();

    const card = thread(page, "Ida Reader", "Comment");
    await expect(card).toContainText("Which proteins exactly?");
    await expect(card.locator("strong")).toHaveText("proteins");
    await expect(card.getByRole("button", { name: /Show in text/ })).toContainText("molecular basis for this clinical phenomenon");

    await page.reload();
    await expect(page.locator("[data-reader-state=interactive]")).toBeVisible();
    await expect(thread(page, "Ida Reader", "Comment")).toContainText("Which proteins exactly?");
    await expect.poll(async () => (await paintedHighlights(page))["mg-yellow"]).toEqual(["molecular basis for this clinical phenomenon"]);
  });

  test("keyboard only: select with Shift+Arrow keys, then a note tagged mechanism", async ({ page }) => {
    await selectOpeningWithKeyboard(page, "Intestinal permeability");
    await page.keyboard.press("n");

    await expect(page.getByRole("heading", { name: "New tagged note" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Note" })).toBeFocused();
    await page.keyboard.type("The subject of the whole article.");
    await page.getByRole("button", { name: "mechanism", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "mechanism", exact: true })).toHaveAttribute("aria-pressed", "true");
    await page.getByRole("button", { name: "Save" }).focus();
    await page.keyboard.press("Enter");

    const card = thread(page, "Ida Reader", "Note");
    await expect(card).toContainText("The subject of the whole article.");
    await expect(card.getByRole("button", { name: "Filter by tag mechanism" })).toBeVisible();
    await expect(card.getByRole("button", { name: /Show in text/ })).toContainText("Intestinal permeability");
  });

  test("keyboard only: H highlights the selection and the caret goes on from its end", async ({ page }) => {
    await selectOpeningWithKeyboard(page, "Intestinal");
    await page.keyboard.press("h");

    await expect.poll(async () => (await paintedHighlights(page))["mg-yellow"]).toEqual(["Intestinal"]);
    await expect(page.getByRole("toolbar", { name: "Annotate selection" })).toBeHidden();
    await expect(thread(page, "Ida Reader", "Highlight").getByRole("button", { name: /Show in text/ })).toContainText("Intestinal");
    await expect(page.getByText("Highlight saved.")).toBeAttached();
    // The selection collapsed to its end, in the editor as on screen: selecting on starts there.
    await extendSelectionWithKeyboard(page, " permeability");
    await expect.poll(() => page.evaluate(() => getSelection()?.toString())).toBe(" permeability");
    await expect(page.getByRole("toolbar", { name: "Annotate selection" })).toBeVisible();
  });

  test("two overlapping highlights are both visible and both clickable", async ({ page }) => {
    await selectWithMouse(page, "tight junctions between the epithelial cells");
    await page.getByRole("radio", { name: "Green" }).click();
    await page.getByRole("button", { name: "Highlight" }).click();
    await expect(thread(page, "Ida Reader", "Highlight")).toHaveCount(1);

    await selectWithMouse(page, "epithelial cells lining the gastrointestinal tract");
    await page.getByRole("radio", { name: "Blue" }).click();
    await page.getByRole("button", { name: "Highlight" }).click();
    await expect(thread(page, "Ida Reader", "Highlight")).toHaveCount(2);

    await expect
      .poll(async () => paintedHighlights(page))
      .toMatchObject({
        "mg-green": ["tight junctions between the epithelial cells"],
        "mg-blue": ["epithelial cells lining the gastrointestinal tract"],
      });

    await clickWord(page, "junctions between");
    await expect(page.locator(".thread.active")).toContainText("tight junctions between the epithelial cells");
    await clickWord(page, "gastrointestinal");
    await expect(page.locator(".thread.active")).toContainText("epithelial cells lining the gastrointestinal tract");
  });

  test("reply, react, resolve and reopen; edit and delete my own", async ({ page }) => {
    await selectWithMouse(page, "dietary components, stress, and microbial imbalances");
    await page.getByRole("button", { name: "Comment" }).click();
    await page.getByRole("textbox", { name: "Comment" }).fill("Three triggers, all vague.");
    await page.getByRole("button", { name: "Save" }).click();
    const card = thread(page, "Ida Reader", "Comment");
    await expect(card).toContainText("Three triggers, all vague.");

    await card.getByRole("button", { name: "Reply" }).first().click();
    await card.getByRole("textbox", { name: "Reply to Ida Reader" }).fill("Stress is the most studied one.");
    await card.getByRole("button", { name: "Post reply" }).click();
    await expect(card).toContainText("Stress is the most studied one.");

    await card.getByRole("button", { name: "Helpful 0" }).first().click();
    await expect(card.getByRole("button", { name: "Helpful 1" }).first()).toHaveAttribute("aria-pressed", "true");

    await card.getByRole("button", { name: "Resolve" }).click();
    await expect(card.getByText("Resolved · Ida Reader")).toBeVisible();
    await card.getByRole("button", { name: "Show thread" }).click();
    await card.getByRole("button", { name: "Reopen" }).click();
    await expect(card.getByRole("button", { name: "Resolve" })).toBeVisible();

    await card.getByRole("button", { name: "Edit" }).first().click();
    const edit = card.getByRole("textbox", { name: "Edit comment" });
    await edit.fill("Three triggers, all vague. Sources?");
    await card.getByRole("button", { name: "Save changes" }).click();
    await expect(card).toContainText("Sources?");

    // Deleting the commented root keeps the thread for its reply.
    await card.getByRole("button", { name: "Delete" }).first().click();
    await card.getByRole("button", { name: "Yes, delete" }).click();
    await expect(card).toContainText("This annotation was deleted.");
    await expect(card).toContainText("Stress is the most studied one.");

    await page.reload();
    await expect(page.getByText("This annotation was deleted.")).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });
});

test("a reader cannot edit or delete someone else's annotation", async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
  await openSeedDocument(page);
  const chens = page.getByRole("article", { name: "Comment by Dr. Mei Chen" });
  await expect(chens).toContainText("Read the whole piece first");
  await expect(chens.getByRole("button", { name: "Edit" })).toHaveCount(0);
  await expect(chens.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await expect(chens.getByRole("button", { name: "Reply" })).toBeVisible();

  const anas = page.getByRole("article", { name: "Comment by Ana Lima" }).first();
  await expect(anas.getByRole("button", { name: "Edit" }).first()).toBeVisible();

  await page.getByRole("article", { name: "Note by Ana Lima" }).first().getByRole("button", { name: "Filter by tag definition" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Showing tag" })).toContainText("definition");
  await expect(page.getByRole("feed", { name: "Annotation threads" }).getByRole("article")).toHaveCount(1);
  await expectNoSeriousAxeViolations(page);
});

test("an unfinished comment and an unfinished reply survive a reload", async ({ page }) => {
  await signUp(page, { name: "Drafty Dan", email: uniqueEmail("drafty"), password: "reading is fun" });
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
  await openSeedDocument(page);

  await selectWithMouse(page, "hormonal signaling and metabolism");
  await page.getByRole("button", { name: "Comment" }).click();
  await page.getByRole("textbox", { name: "Comment" }).fill("Half a thought about hormones");
  await page.waitForTimeout(600); // drafts are written at most every 300 ms
  await page.reload();
  await expect(page.getByRole("heading", { name: "New comment" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Comment" })).toContainText("Half a thought about hormones");
  await expect(page.locator(".composer .quote")).toHaveText("hormonal signaling and metabolism");
  await page.getByRole("button", { name: "Save" }).click();
  const card = thread(page, "Drafty Dan", "Comment");
  await expect(card).toContainText("Half a thought about hormones");

  await card.getByRole("button", { name: "Reply" }).click();
  await card.getByRole("textbox", { name: "Reply to Drafty Dan" }).fill("Second half, later");
  await page.reload();
  const reloaded = thread(page, "Drafty Dan", "Comment");
  await expect(reloaded.getByRole("textbox", { name: "Reply to Drafty Dan" })).toContainText("Second half, later");
  await reloaded.getByRole("button", { name: "Post reply" }).click();
  await expect(reloaded).toContainText("Second half, later");
  await page.reload();
  await expect(page.getByRole("heading", { name: "New comment" })).toHaveCount(0);
  await expect(thread(page, "Drafty Dan", "Comment").getByRole("textbox")).toHaveCount(0);
});
