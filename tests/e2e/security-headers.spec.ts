// Pages carry a nonce-based Content-Security-Policy, and using the reader triggers no
// violation of it (the app's own scripts, styles and socket all comply).
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./support";
import { openSeedDocument, selectWithMouse } from "./reader-support";

test("pages send a strict CSP with a fresh nonce and no inline-script allowance", async ({ request }) => {
  const first = await request.get("/signin");
  const second = await request.get("/signin");
  const policy = first.headers()["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy.split("; ").find((part) => part.startsWith("script-src"))).not.toContain("unsafe-inline");
  expect(second.headers()["content-security-policy"]).not.toBe(policy);
  expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
});

test("reading and annotating cause no CSP violation", async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
  await openSeedDocument(page);
  await expect(page.getByRole("article", { name: "Comment by Dr. Mei Chen" })).toBeVisible();
  await selectWithMouse(page, "microbial products");
  await page.getByRole("button", { name: "Comment" }).click();
  await expect(page.getByRole("textbox", { name: "Comment" })).toBeVisible();
  const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  expect(violations).toEqual([]);
});
