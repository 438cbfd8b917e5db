// Creates sent at the same moment share one statement (group commit, see
// server/annotations/insert-annotation.ts). These tests send many at once, straight to
// the service, and check what each writer and each stream must still get: its own row
// and exactly one change event per create, numbers 1..n with no gap in every stream,
// refusals and replays answered one by one without touching their neighbours.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreateAnnotationInput } from "@/lib/api/annotations";
import { AppError } from "@/lib/errors";
import { createAnnotation } from "@/server/annotations/create-annotation";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { createTestGroup, importTestArticle, targetAt, textBody, type TestDocument } from "./support/annotations";
import { closeDatabase, freshDatabase } from "./support/db";
import { createUserWithToken, type TestUserWithToken } from "./support/users";

let doc: TestDocument;
let ana: TestUserWithToken;
let ben: TestUserWithToken;
let outsider: TestUserWithToken;
let seminar: string;
let workshop: string;

beforeAll(async () => {
  await freshDatabase();
  doc = await importTestArticle("group-commit-article");
  [ana, ben, outsider] = await Promise.all([
    createUserWithToken({ name: "Ana Group-Commit" }),
    createUserWithToken({ name: "Ben Group-Commit" }),
    createUserWithToken({ name: "Olu Outsider" }),
  ]);
  seminar = (await createTestGroup("Seminar", [{ userId: ana.id, role: "member" }, { userId: ben.id, role: "owner" }])).id;
  workshop = (await createTestGroup("Workshop", [{ userId: ana.id, role: "instructor" }])).id;
});

afterAll(async () => {
  await closeDatabase();
});

function actorOf(user: TestUserWithToken, clientId = "group-commit-tab"): Actor {
  return { userId: user.id, via: "token", credentialId: user.tokenId, clientId };
}

function highlight(groupId: string | null, n: number, overrides: Partial<CreateAnnotationInput> = {}): CreateAnnotationInput {
  const start = (n * 7) % (doc.text.length - 40);
  return {
    id: randomUUID(),
    documentId: doc.documentId,
    revisionId: doc.revisionId,
    groupId,
    kind: "highlight",
    target: targetAt(doc.text, start, start + 12),
    ...overrides,
  } as CreateAnnotationInput;
}

async function eventsOf(streamKey: string) {
  return getDb().changeEvent.findMany({
    where: { documentId: doc.documentId, streamKey },
    orderBy: { seq: "asc" },
    select: { seq: true, annotationId: true, payload: true },
  });
}

describe("creates sent at the same moment", () => {
  it("each get their row and one event, and every stream is numbered 1..n without a gap", async () => {
    const sends = [
      ...Array.from({ length: 30 }, (_, n) => ({ actor: actorOf(ana), input: highlight(seminar, n) })),
      ...Array.from({ length: 20 }, (_, n) => ({ actor: actorOf(ben), input: highlight(seminar, 100 + n) })),
      ...Array.from({ length: 15 }, (_, n) => ({ actor: actorOf(ana), input: highlight(workshop, 200 + n) })),
      ...Array.from({ length: 10 }, (_, n) => ({ actor: actorOf(ben), input: highlight(null, 300 + n) })),
    ];
    const results = await Promise.all(sends.map((send) => createAnnotation(send)));

    expect(results.every((result) => result.created)).toBe(true);
    expect(results.map((result) => result.annotation.id)).toEqual(sends.map((send) => send.input.id));
    const stored = await getDb().annotation.findMany({
      where: { id: { in: sends.map((send) => send.input.id!) } },
      select: { id: true, createdAt: true, author: { select: { name: true } } },
    });
    expect(stored).toHaveLength(sends.length);
    // What each writer was answered is what was stored.
    const storedById = new Map(stored.map((row) => [row.id, row]));
    for (const { annotation } of results) {
      expect(annotation.createdAt).toBe(storedById.get(annotation.id)!.createdAt.toISOString());
      expect(annotation.author.name).toBe(storedById.get(annotation.id)!.author.name);
    }

    for (const [streamKey, count] of [
      [seminar, 50],
      [workshop, 15],
      [`private:${ben.id}`, 10],
    ] as const) {
      const events = await eventsOf(streamKey);
      expect(events.map((event) => Number(event.seq))).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      expect(new Set(events.map((event) => event.annotationId)).size).toBe(count);
    }
    // The logged payload carries the author's name, filled in by the statement itself.
    const [first] = await eventsOf(`private:${ben.id}`);
    expect(first!.payload).toMatchObject({ annotation: { author: { id: ben.id, name: "Ben Group-Commit" } } });
  });

  it("answers a refusal, a replay and a conflict each on its own, and the creates beside them still land", async () => {
    const stored = await createAnnotation({ actor: actorOf(ana), input: highlight(seminar, 400) });
    const before = (await eventsOf(seminar)).length;

    const good = Array.from({ length: 12 }, (_, n) => highlight(seminar, 500 + n));
    const outcomes = await Promise.allSettled([
      ...good.slice(0, 6).map((input) => createAnnotation({ actor: actorOf(ben), input })),
      createAnnotation({ actor: actorOf(outsider), input: highlight(seminar, 600) }),
      createAnnotation({ actor: actorOf(ana), input: highlight(seminar, 601, { id: stored.annotation.id }) }),
      createAnnotation({ actor: actorOf(ben), input: highlight(seminar, 602, { id: stored.annotation.id }) }),
      createAnnotation({ actor: actorOf(ana), input: highlight(seminar, 603, { revisionId: randomUUID() }) }),
      ...good.slice(6).map((input) => createAnnotation({ actor: actorOf(ben), input })),
    ]);

    const codeOf = (outcome: PromiseSettledResult<unknown>) =>
      outcome.status === "rejected" ? (outcome.reason instanceof AppError ? outcome.reason.code : String(outcome.reason)) : "ok";
    expect(outcomes.map(codeOf)).toEqual(["ok", "ok", "ok", "ok", "ok", "ok", "NOT_FOUND", "ok", "CONFLICT", "NOT_FOUND", "ok", "ok", "ok", "ok", "ok", "ok"]);
    const replay = outcomes[7];
    expect(replay?.status === "fulfilled" && replay.value).toMatchObject({ created: false, annotation: { id: stored.annotation.id } });

    const events = await eventsOf(seminar);
    expect(events.map((event) => Number(event.seq))).toEqual(Array.from({ length: before + 12 }, (_, i) => i + 1));
    expect(events.slice(before).map((event) => event.annotationId).sort()).toEqual(good.map((input) => input.id).sort());
    expect(await getDb().annotation.count({ where: { id: stored.annotation.id } })).toBe(1);
  });

  it("keeps two creates with the same id out of one statement: one row, one event, one created", async () => {
    const input = highlight(workshop, 700);
    const [first, second] = await Promise.all([
      createAnnotation({ actor: actorOf(ana, "tab-one"), input }),
      createAnnotation({ actor: actorOf(ana, "tab-two"), input }),
    ]);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(second.annotation.id).toBe(first.annotation.id);
    const events = await getDb().changeEvent.count({ where: { annotationId: input.id } });
    expect(events).toBe(1);
  });

  it("stores a body and its mentions through the same statement", async () => {
    const result = await createAnnotation({
      actor: actorOf(ana),
      input: highlight(seminar, 800, { kind: "comment", body: textBody("Batched, and still rich text.") }),
    });
    const row = await getDb().annotation.findUniqueOrThrow({ where: { id: result.annotation.id }, select: { bodyText: true, bodyHtml: true } });
    expect(row.bodyText).toBe("Batched, and still rich text.");
    expect(result.annotation.body?.html).toBe(row.bodyHtml);
  });
});
