// Password guessing against one account is stopped on every way in: the token API,
// Auth.js's own sign-in endpoint and the sign-in form. (The e2e server allows 50
// attempts per account per window; see playwright.config.ts.)
import { expect, test } from "@playwright/test";
import { signIn, signUp, uniqueEmail } from "./support";

const PER_ACCOUNT_LIMIT = 50;

test("too many wrong passwords for one account answer 429 with Retry-After everywhere", async ({ page, request }) => {
  const victim = { name: "Guess Target", email: uniqueEmail("target"), password: "the real password" };
  await signUp(page, victim);
  await page.getByRole("button", { name: "Sign out" }).click();

  for (let attempt = 1; attempt <= PER_ACCOUNT_LIMIT; attempt++) {
    const response = await request.post("/api/tokens", { data: { email: victim.email, password: `guess-${attempt}` } });
    expect(response.status()).toBe(401);
  }
  const refused = await request.post("/api/tokens", { data: { email: victim.email, password: victim.password } });
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await refused.json()).error.code).toBe("RATE_LIMITED");

  const callback = await request.post("/api/auth/callback/credentials", {
    form: { email: victim.email, password: victim.password, csrfToken: "irrelevant" },
  });
  expect(callback.status()).toBe(429);
  expect(Number(callback.headers()["retry-after"])).toBeGreaterThan(0);

  await signIn(page, victim.email, victim.password);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/Too many sign-in attempts/);
});
