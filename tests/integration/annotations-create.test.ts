// POST /api/annotations: every kind (highlight, comment, tagged note, page note), the stored
// target and body, colors from the group's vocabulary, idempotent client-chosen ids, and
// GET /api/groups (the personal group and its default vocabulary every account starts with).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnotationDto } from "@/lib/api/annotations";
import { DEFAULT_TAG_VOCABULARY } from "@/lib/annotations/palette";
import {
  annotationRow,
  countAnnotationRows,
  createAnnotationOk,
  createTestGroup,
  expectAnnotation,
  getAnnotation,
  importOtherDocument,
  listGroups,
  listGroupsOk,
  personalGroupId,
  postAnnotation,
  targetAt,
  targetFor,
  textBody,
  type Auth,
  type TestDocument,
  importTestArticle,
} from "./support/annotations";
import { getDb } from "@/server/db/client";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { expectApiError } from "./support/http";
import { createUserWithToken, sessionCookieFor, type TestUserWithToken } from "./support/users";

let doc: TestDocument;
let ana: TestUserWithToken;
let ben: TestUserWithToken;
let anaAuth: Auth;
let benAuth: Auth;
let groupId: string;

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  doc = await importTestArticle();
  [ana, ben] = await Promise.all([createUserWithToken({ name: "Ana" }), createUserWithToken({ name: "Ben" })]);
  anaAuth = { token: ana.token };
  benAuth = { token: ben.token };
  const group = await createTestGroup("Physiology seminar", [
    { userId: ana.id, role: "member" },
    { userId: ben.id, role: "owner" },
  ]);
  groupId = group.id;
});

afterAll(async () => {
  await closeDatabase();
});

function base(overrides: Record<string, unknown> = {}) {
  return { documentId: doc.documentId, revisionId: doc.revisionId, groupId, ...overrides };
}

function positionOf(annotation: AnnotationDto) {
  const [position, quote] = annotation.target?.selector ?? [];
  return { position, quote };
}

describe("POST /api/annotations: each kind", () => {
  it("creates a highlight: 201, the whole contract shape, the quote equal to text.slice(start, end)", async () => {
    const target = targetFor(doc.text, "tight junctions between the epithelial cells");
    const created = await createAnnotationOk(anaAuth, base({ kind: "highlight", target }));

    expect(Object.keys(created).sort()).toEqual(
      [
        "author",
        "body",
        "color",
        "createdAt",
        "deleted",
        "documentId",
        "groupId",
        "hidden",
        "id",
        "kind",
        "parentId",
        "reactions",
        "replies",
        "resolved",
        "revisionId",
        "tags",
        "target",
        "updatedAt",
      ].sort(),
    );
    expect(created).toMatchObject({
      documentId: doc.documentId,
      revisionId: doc.revisionId,
      groupId,
      author: { id: ana.id, name: "Ana" },
      kind: "highlight",
      body: null,
      tags: [],
      color: "yellow",
      parentId: null,
      resolved: false,
      deleted: false,
      reactions: { counts: { helpful: 0, same_question: 0 }, mine: [] },
      replies: [],
    });
    expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);
    const { position, quote } = positionOf(created);
    expect(position).toEqual(target.selector[0]);
    expect(quote?.exact).toBe(doc.text.slice(position!.start, position!.end));
    expect(quote?.exact).toBe("tight junctions between the epithelial cells");
    expect(quote?.prefix).toBe(target.selector[1].prefix);
    expect(quote?.suffix).toBe(target.selector[1].suffix);

    const row = await annotationRow(created.id);
    expect(row).toMatchObject({
      authorId: ana.id,
      targetStart: position!.start,
      targetEnd: position!.end,
      quoteExact: doc.text.slice(position!.start, position!.end),
      parentId: null,
      rootId: null,
      deletedAt: null,
    });
  });

  it("keeps a chosen highlight color", async () => {
    const created = await createAnnotationOk(anaAuth, base({ kind: "highlight", target: targetFor(doc.text, "gastrointestinal tract"), color: "purple" }));
    expect(created.color).toBe("purple");
  });

  it("creates a comment from Tiptap JSON: stored doc, sanitized HTML with safe links, plain text", async () => {
    const tiptapDoc = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Tight junctions", marks: [{ type: "bold" }] },
            { type: "text", text: " are explained " },
            {
              type: "text",
              text: "here",
              marks: [{ type: "link", attrs: { href: "https://example.org/tj", target: "_blank", rel: "evil", class: "x" } }],
            },
          ],
        },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "<script>alert(1)</script>" }] }] }] },
      ],
    };
    const created = await createAnnotationOk(
      anaAuth,
      base({ kind: "comment", target: targetFor(doc.text, "barrier function is diminished"), body: { format: "tiptap", doc: tiptapDoc } }),
    );
    expect(created.kind).toBe("comment");
    expect(created.body?.format).toBe("tiptap");
    expect(created.body?.html).toContain("<strong>Tight junctions</strong>");
    expect(created.body?.html).toMatch(/<a href="https:\/\/example\.org\/tj" rel="noopener noreferrer nofollow" target="_blank">here<\/a>/);
    expect(created.body?.html).not.toContain("<script>");
    expect(created.body?.html).toContain("&lt;script&gt;");
    expect(created.body?.html).not.toMatch(/class=|evil/);
    expect(created.body?.text).toContain("Tight junctions are explained here");
    // The link keeps only href and target: ignored editor attributes are not stored.
    expect(JSON.stringify(created.body?.doc)).not.toMatch(/evil|"class"/);
  });

  it("creates a comment from plain text, stored as Tiptap paragraphs", async () => {
    const created = await createAnnotationOk(
      anaAuth,
      base({ kind: "comment", target: targetFor(doc.text, "microbial products"), body: textBody("First line\nsecond line\n\nNew paragraph <b>not bold</b>") }),
    );
    expect(created.body?.text).toBe("First line\nsecond line\n\nNew paragraph <b>not bold</b>");
    expect(created.body?.doc).toMatchObject({ type: "doc", content: [{ type: "paragraph" }, { type: "paragraph" }] });
    expect(created.body?.html).toBe("<p>First line<br />second line</p><p>New paragraph &lt;b&gt;not bold&lt;/b&gt;</p>");
  });

  it("creates a tagged note: tags normalized (case, spaces, duplicates), color from the group's vocabulary", async () => {
    const created = await createAnnotationOk(
      anaAuth,
      base({
        kind: "note",
        target: targetFor(doc.text, "systemic circulation"),
        tags: ["Needs   Citation", "needs citation", "my own tag", "mechanism"],
        body: textBody("Source?"),
      }),
    );
    expect(created.kind).toBe("note");
    expect(created.tags).toEqual(["needs citation", "my own tag", "mechanism"]);
    expect(created.color).toBe("orange");
  });

  it("takes the color of the first tag in the vocabulary, unless a color is given", async () => {
    const fromVocabulary = await createAnnotationOk(
      anaAuth,
      base({ kind: "note", target: targetFor(doc.text, "immune responses"), tags: ["not in vocabulary", "definition"] }),
    );
    expect(fromVocabulary.color).toBe("green");
    const chosen = await createAnnotationOk(
      anaAuth,
      base({ kind: "note", target: targetFor(doc.text, "systemic health"), tags: ["definition"], color: "blue" }),
    );
    expect(chosen.color).toBe("blue");
  });

  it("creates a page note (no target) about the whole document", async () => {
    const created = await createAnnotationOk(anaAuth, base({ kind: "comment", body: textBody("Overall: a good overview.") }));
    expect(created.target).toBeNull();
    expect(created.color).toBeNull();
    const row = await annotationRow(created.id);
    expect(row).toMatchObject({ targetStart: null, targetEnd: null, quoteExact: null });
  });

  it("creates a tagged page note (a note without a target)", async () => {
    const created = await createAnnotationOk(anaAuth, base({ kind: "note", tags: ["question"] }));
    expect(created).toMatchObject({ kind: "note", target: null, tags: ["question"], color: "purple", body: null });
  });

  it("creates a private annotation (groupId null) and one in the author's personal group", async () => {
    const privateNote = await createAnnotationOk(anaAuth, base({ groupId: null, kind: "highlight", target: targetFor(doc.text, "undigested food particles") }));
    expect(privateNote.groupId).toBeNull();
    expect((await annotationRow(privateNote.id))?.groupId).toBeNull();

    const personal = await personalGroupId(ana.id);
    const inPersonal = await createAnnotationOk(anaAuth, base({ groupId: personal, kind: "note", tags: ["evidence"], target: targetFor(doc.text, "toxins") }));
    expect(inPersonal).toMatchObject({ groupId: personal, color: "yellow" });
  });

  it("works with a session cookie as well as a token", async () => {
    const { cookie } = await sessionCookieFor(ben.id);
    const created = await createAnnotationOk({ cookie }, base({ kind: "highlight", target: targetFor(doc.text, "immunology") }));
    expect(created.author).toEqual({ id: ben.id, name: "Ben" });
  });

  it("401 UNAUTHENTICATED without credentials or with an unknown token, and nothing is created", async () => {
    const before = await countAnnotationRows();
    const body = base({ kind: "highlight", target: targetFor(doc.text, "immunology") });
    expectApiError(await postAnnotation({}, body), 401, "UNAUTHENTICATED");
    expectApiError(await postAnnotation({ token: "mrg_deadbeef_notARealTokenAtAllNotARealTokenAtAll" }, body), 401, "UNAUTHENTICATED");
    expect(await countAnnotationRows()).toEqual(before);
  });
});

describe("POST /api/annotations: targets", () => {
  it("stores a selection that crosses the heading “Origin” into the next paragraph", async () => {
    const start = doc.text.indexOf("endocrine dysregulation.");
    const end = doc.text.indexOf("The scientific concept") + "The scientific concept".length;
    const target = targetAt(doc.text, start, end);
    expect(target.selector[1].exact).toBe("endocrine dysregulation.\n\nOrigin\n\nThe scientific concept");

    const created = await createAnnotationOk(anaAuth, base({ kind: "highlight", target }));
    const { position, quote } = positionOf(created);
    expect(position).toEqual({ type: "TextPositionSelector", start, end });
    expect(quote?.exact).toBe(doc.text.slice(start, end));
    expect((await annotationRow(created.id))?.quoteExact).toBe("endocrine dysregulation.\n\nOrigin\n\nThe scientific concept");
  });

  it("stores quotes with curly quotation marks and apostrophes exactly", async () => {
    const leaky = await createAnnotationOk(anaAuth, base({ kind: "highlight", target: targetFor(doc.text, "“leaky gut,”") }));
    expect(positionOf(leaky).quote?.exact).toBe("“leaky gut,”");
    const guts = await createAnnotationOk(
      anaAuth,
      base({ kind: "comment", target: targetFor(doc.text, "the gut’s profound influence"), body: textBody("Isn’t “profound” a stretch?") }),
    );
    expect(positionOf(guts).quote?.exact).toBe("the gut’s profound influence");
    const fetched = expectAnnotation(await getAnnotation(anaAuth, guts.id), 200);
    expect(positionOf(fetched).quote?.exact).toBe("the gut’s profound influence");
    expect(fetched.body?.text).toBe("Isn’t “profound” a stretch?");
  });

  it("accepts a quote without context (prefix and suffix are optional)", async () => {
    const start = doc.text.indexOf("zonulin");
    const target = {
      selector: [
        { type: "TextPositionSelector", start, end: start + "zonulin".length },
        { type: "TextQuoteSelector", exact: "zonulin" },
      ],
    };
    const created = await createAnnotationOk(anaAuth, base({ kind: "highlight", target }));
    expect(positionOf(created).quote).toEqual({ type: "TextQuoteSelector", exact: "zonulin", prefix: "", suffix: "" });
  });

  it("annotates the very first and the very last character of the text", async () => {
    const first = await createAnnotationOk(anaAuth, base({ kind: "highlight", target: targetAt(doc.text, 0, 10) }));
    expect(positionOf(first).quote?.exact).toBe("Intestinal");
    const last = await createAnnotationOk(anaAuth, base({ kind: "highlight", target: targetAt(doc.text, doc.text.length - 16, doc.text.length) }));
    expect(positionOf(last).quote?.exact).toBe(doc.text.slice(-16));
    expect(positionOf(last).quote?.suffix).toBe("");
  });
});

describe("POST /api/annotations: a document deleted after its text was read", () => {
  it("404 NOT_FOUND for its revision, not a conflict, and nothing stored", async () => {
    const gone = await importOtherDocument("annotations-deleted-document");
    const onGone = { documentId: gone.documentId, revisionId: gone.revisionId, groupId, kind: "highlight", target: targetFor(gone.text, "something else") };
    await createAnnotationOk(anaAuth, onGone); // the server now holds the revision's text
    await getDb().document.delete({ where: { id: gone.documentId } });
    const before = await countAnnotationRows();

    expectApiError(await postAnnotation(anaAuth, onGone), 404, "NOT_FOUND");
    expectApiError(await postAnnotation(anaAuth, onGone), 404, "NOT_FOUND");
    expect(await countAnnotationRows()).toEqual(before);
  });
});

describe("POST /api/annotations: idempotent ids", () => {
  it("answers the same id again by the same author with 200 and the stored annotation, creating nothing", async () => {
    const id = randomUUID();
    const body = base({ id, kind: "note", tags: ["evidence"], target: targetFor(doc.text, "clinical phenomenon"), body: textBody("first") });
    const first = expectAnnotation(await postAnnotation(anaAuth, body), 201);
    expect(first.id).toBe(id);
    const before = await countAnnotationRows();

    const again = expectAnnotation(await postAnnotation(anaAuth, body), 200);
    expect(again).toEqual(first);
    // A retry that differs (an edited draft) still replays the stored annotation.
    const changed = expectAnnotation(await postAnnotation(anaAuth, { ...body, body: textBody("second") }), 200);
    expect(changed.body?.text).toBe("first");
    expect(await countAnnotationRows()).toEqual(before);
  });

  it("replays a stored tagged note without bringing back a tag retired since", async () => {
    const id = randomUUID();
    const body = base({ id, kind: "note", tags: ["fresh coinage"], target: targetFor(doc.text, "zonulin"), body: textBody("new word") });
    const first = expectAnnotation(await postAnnotation(anaAuth, body), 201);
    const db = getDb();
    await db.groupTag.update({ where: { groupId_name: { groupId, name: "fresh coinage" } }, data: { retiredAt: new Date() } });

    const again = expectAnnotation(await postAnnotation(anaAuth, body), 200);
    expect(again).toEqual(first);
    const tag = await db.groupTag.findUniqueOrThrow({ where: { groupId_name: { groupId, name: "fresh coinage" } } });
    expect(tag.retiredAt).not.toBeNull();
  });

  it("409 CONFLICT when another user sends an id already taken, and that annotation is untouched", async () => {
    const id = randomUUID();
    const mine = await createAnnotationOk(anaAuth, base({ id, groupId: null, kind: "comment", body: textBody("private thoughts") }));
    const before = await countAnnotationRows();
    const response = await postAnnotation(benAuth, base({ id, kind: "comment", body: textBody("hijack") }));
    expectApiError(response, 409, "CONFLICT");
    expect(response.text).not.toContain("private thoughts");
    expect(await countAnnotationRows()).toEqual(before);
    expect(expectAnnotation(await getAnnotation(anaAuth, id), 200)).toEqual(mine);
  });

  it("creates exactly one row for concurrent creates with one id; one 201, the rest 200 with the same annotation", async () => {
    const id = randomUUID();
    const before = await countAnnotationRows();
    const body = base({ id, kind: "highlight", target: targetFor(doc.text, "molecular basis") });
    const responses = await Promise.all(Array.from({ length: 6 }, () => postAnnotation(anaAuth, body)));
    expect(responses.map((response) => response.status).sort(), responses.map((r) => r.text).join("\n")).toEqual([200, 200, 200, 200, 200, 201]);
    for (const response of responses) expect((response.body as AnnotationDto).id).toBe(id);
    expect(await countAnnotationRows()).toEqual({ ...before, annotations: before.annotations! + 1 });
    expect(await annotationRow(id)).toMatchObject({ id, authorId: ana.id });
  });
});

describe("GET /api/groups", () => {
  it("gives every new user a personal group with the default vocabulary", async () => {
    const newcomer = await createUserWithToken({ name: "Newcomer" });
    const groups = await listGroupsOk({ token: newcomer.token });
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ isPersonal: true, role: "owner", memberCount: 1 });
    expect(groups[0]!.tags).toEqual(DEFAULT_TAG_VOCABULARY.map((tag) => ({ name: tag.name, color: tag.color })));
    expect(groups[0]!.tags.map((tag) => tag.name)).toEqual(["mechanism", "needs citation", "definition", "question", "evidence", "disagree"]);
  });

  it("lists shared groups with the caller's role and the member count, and only the caller's groups", async () => {
    const anaGroups = await listGroupsOk(anaAuth);
    expect(anaGroups.map((group) => [group.isPersonal, group.role, group.memberCount])).toEqual([
      [false, "member", 2],
      [true, "owner", 1],
    ]);
    expect(anaGroups[0]).toMatchObject({ id: groupId, name: "Physiology seminar" });
    const benGroups = await listGroupsOk(benAuth);
    expect(benGroups.find((group) => group.id === groupId)?.role).toBe("owner");
    const benPersonal = await personalGroupId(ben.id);
    expect(anaGroups.map((group) => group.id)).not.toContain(benPersonal);
  });

  it("401 UNAUTHENTICATED without credentials", async () => {
    expectApiError(await listGroups({}), 401, "UNAUTHENTICATED");
  });
});
