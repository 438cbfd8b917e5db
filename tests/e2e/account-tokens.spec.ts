// A reader creates an API token on the account page, uses it, and revokes it.
import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./support";

test("create an API token, call the API with it, then revoke it", async ({ page, request }) => {
  const user = { name: "Token Tester", email: uniqueEmail("token"), password: "a long enough password" };
  await signUp(page, user);
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();

  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByText("You have no API tokens.")).toBeVisible();
  await page.getByLabel("New token name").fill("Zotero sync");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByRole("status").locator("code").textContent()) ?? "";
  expect(secret).toMatch(/^mrg_[0-9a-f]{8}_/);

  const me = await request.get("/api/me", { headers: { authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe(user.email);

  const tokens = page.getByRole("list", { name: "API tokens" });
  await expect(tokens.getByRole("listitem")).toHaveCount(1);
  await page.getByRole("button", { name: "Revoke Zotero sync" }).click();
  await expect(page.getByText("You have no API tokens.")).toBeVisible();

  const after = await request.get("/api/me", { headers: { authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
});
