// Reading the canonical document: title, section headings, no cookie banner,
// readable without JavaScript and on a phone, accessible.
import { expect, test } from "@playwright/test";
import { DEMO, expectNoSeriousAxeViolations, signIn } from "./support";

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
});

test("a reader opens the document and sees its sections, without the cookie banner", async ({ page }) => {
  await page.getByRole("link", { name: "Intestinal permeability" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Intestinal permeability" })).toBeVisible();
  const sections = page.getByRole("document", { name: "Intestinal permeability" }).getByRole("heading", { level: 2 });
  await expect(sections).toHaveText(["Origin", "Mechanism"]);
  await expect(page.locator("[data-reader-state=interactive]")).toBeVisible(); // Tiptap took over
  await expect(page.getByTestId("document-text")).toContainText("tight junction proteins like zonulin and occludin");
  await expect(page.getByRole("main")).not.toContainText(/cookie/i);
  await expect(page.getByRole("main")).not.toContainText(/preferences/i);
  await expectNoSeriousAxeViolations(page);
});

test("the document is server-rendered and readable without JavaScript", async ({ browser, page }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const noScript = await context.newPage();
  await noScript.goto("/documents/intestinal-permeability");
  await expect(noScript.getByRole("heading", { level: 1, name: "Intestinal permeability" })).toBeVisible();
  const text = noScript.getByRole("document", { name: "Intestinal permeability" });
  await expect(text.getByRole("heading", { level: 2 })).toHaveText(["Origin", "Mechanism"]);
  await expect(noScript.getByRole("main")).toContainText("often colloquially termed “leaky gut,”");
  await context.close();
});

test("the document fits a phone-width screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/documents/intestinal-permeability");
  await expect(page.getByRole("heading", { level: 2, name: "Mechanism" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("an anonymous visitor is sent to sign in and comes back to the document", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/documents/intestinal-permeability");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdocuments%2Fintestinal-permeability/);
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Intestinal permeability" })).toBeVisible();
  await context.close();
});
