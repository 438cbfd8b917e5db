// Shared steps for the end-to-end tests, written as a reader would act.
import { expect, type Browser, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const DEMO = { email: "ana@demo.marginalia.test", password: "reading-together", name: "Ana Lima" };

export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signUp(page: Page, user: { name: string; email: string; password: string }) {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** A new account in its own browser context, signed up and on the documents page. */
export async function newReader(browser: Browser, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, { name, email: uniqueEmail(name.split(" ")[0]!.toLowerCase()), password: "reading together" });
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
  return { context, page };
}

/** An existing account (a demo one, say) signed in in its own browser context. */
export async function signedInReader(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
  return { context, page };
}

export async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  const described = serious.map((violation) => {
    const where = violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join(", ");
    return `${violation.id}: ${violation.help} (at ${where})`;
  });
  expect(described).toEqual([]);
}
