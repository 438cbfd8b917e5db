// Sign up, sign out, sign in (wrong then right password), and the form's errors.
import { expect, test } from "@playwright/test";
import { DEMO, expectNoSeriousAxeViolations, signIn, signUp, uniqueEmail } from "./support";

test("a new reader signs up, signs out, and signs back in after a wrong password", async ({ page }) => {
  const user = { name: "Rosa Park", email: uniqueEmail("rosa"), password: "correct horse battery" };
  await signUp(page, user);
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Rosa Park");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("You have been signed out.");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await signIn(page, user.email, "not the password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page.getByLabel("Email")).toHaveValue(user.email);

  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
});

test("sign-up explains a weak password and a taken email", async ({ page }) => {
  await signUp(page, { name: "Short Pass", email: uniqueEmail("short"), password: "short" });
  await expect(page.getByText("Password must be at least 8 characters.")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

  await signUp(page, { name: "Copycat", email: DEMO.email, password: "long enough password" });
  await expect(page.getByRole("main").getByRole("alert")).toContainText("An account with this email already exists");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
});

test("a session cookie replayed after sign-out is refused", async ({ page, request }) => {
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name.endsWith("authjs.session-token"));
  // The session cookie is out of scripts' reach and not sent on cross-site subrequests.
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  const cookieHeader = cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");

  const before = await request.get("/api/me", { headers: { cookie: cookieHeader } });
  expect(before.status()).toBe(200);
  expect((await before.json()).email).toBe(DEMO.email);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("You have been signed out.");

  const after = await request.get("/api/me", { headers: { cookie: cookieHeader } });
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("UNAUTHENTICATED");
});

test("the sign-in and sign-up pages have no serious accessibility violations", async ({ page }) => {
  await page.goto("/signin");
  // Demo mode (as under the quick start) lists the accounts a newcomer can try.
  await expect(page.getByRole("complementary", { name: "Try the demo" })).toContainText(DEMO.email);
  await expectNoSeriousAxeViolations(page);
  await page.goto("/signup");
  await expectNoSeriousAxeViolations(page);
});
