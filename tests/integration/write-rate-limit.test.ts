// Writes are rate-limited per account (and per IP): over the budget a client gets
// 429 with Retry-After, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { closeDatabase, freshDatabase } from "./support/db";
import { resetAuthLimiters, useGenerousRateLimits } from "./support/env";
import { importTestArticle, personalGroupId, postAnnotation, targetFor, type TestDocument } from "./support/annotations";
import { createUserWithToken, type TestUserWithToken } from "./support/users";

let user: TestUserWithToken;
let other: TestUserWithToken;
let article: TestDocument;

beforeAll(async () => {
  useGenerousRateLimits();
  process.env.RATE_LIMIT_WRITES_PER_ACCOUNT = "3";
  resetAuthLimiters();
  await freshDatabase();
  article = await importTestArticle();
  user = await createUserWithToken({ name: "Fast Writer" });
  other = await createUserWithToken({ name: "Calm Writer" });
});
afterAll(closeDatabase);

const highlight = async (who: TestUserWithToken, quote: string) => ({
  documentId: article.documentId,
  revisionId: article.revisionId,
  groupId: await personalGroupId(who.id),
  kind: "highlight",
  target: targetFor(article.text, quote),
});

describe("write rate limits", () => {
  it("answers 429 with Retry-After past the per-account budget, writing nothing", async () => {
    const words = article.text.split(/\s+/).filter((word) => word.length > 5).slice(0, 4);
    for (const word of words.slice(0, 3)) {
      expect((await postAnnotation({ token: user.token }, await highlight(user, word))).status).toBe(201);
    }
    const before = await getDb().annotation.count();
    const refused = await postAnnotation({ token: user.token }, await highlight(user, words[3]!));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((refused.body as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
    expect(await getDb().annotation.count()).toBe(before);
  });

  it("counts each account separately", async () => {
    const words = article.text.split(/\s+/).filter((word) => word.length > 5);
    expect((await postAnnotation({ token: other.token }, await highlight(other, words[5]!))).status).toBe(201);
  });
});
