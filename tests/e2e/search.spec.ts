// Searching as a reader: words found in comments, quotes and tags of every group I read,
// narrowed by filters, each result linking to its thread in the text; nothing from a group
// I do not belong to.
import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations, signIn, signUp, uniqueEmail } from "./support";

test("search finds a comment by a stemmed word, filters by tag, and opens the thread", async ({ page }) => {
  await signIn(page, "ana@demo.marginalia.test", "reading-together");
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
  await page.getByRole("link", { name: "Search" }).click();
  await page.getByLabel("Words to find").fill("studies humans");
  await page.getByRole("button", { name: "Search" }).click();
  const results = page.getByRole("list", { name: "Search results" });
  const hit = results.getByRole("listitem").filter({ hasText: "Which studies show this in humans?" });
  await expect(hit).toBeVisible();
  await expect(hit.locator("mark").first()).toHaveText(/studies|humans/);
  await expectNoSeriousAxeViolations(page);

  await page.getByLabel("Tag", { exact: true }).selectOption("question");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("Nothing matches that search.")).toBeVisible();

  await page.getByLabel("Tag", { exact: true }).selectOption("needs citation");
  await page.getByRole("button", { name: "Search" }).click();
  await results.getByRole("link", { name: "Intestinal permeability" }).first().click();
  await expect(page).toHaveURL(/\/documents\/intestinal-permeability#annotation-6d1f1f5e-3c1a-4c7e-9a51-000000000104$/);
  await expect(page.locator("article.thread.active")).toContainText("Which studies show this in humans?");
});

test("a reader outside the demo group finds none of its annotations", async ({ page }) => {
  await signUp(page, { name: "Otto Outside", email: uniqueEmail("otto"), password: "reading together" });
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
  await page.goto("/search?q=studies+humans");
  await expect(page.getByText("Nothing matches that search.")).toBeVisible();
});
