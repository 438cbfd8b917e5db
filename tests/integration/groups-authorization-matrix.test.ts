// Who may do what in a group, route by route: anonymous (401), a non-member (404, as if
// the group did not exist, and logged in security_events), a member, an instructor, the
// owner, and a member who was removed (404 from then on). Every cell runs against a group
// of its own, so no cell depends on another. Then: GET /api/groups and GET /api/annotations
// never show another group's rows, and refused cross-group attempts are logged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnotationDto } from "@/lib/api/annotations";
import type { ErrorCode } from "@/lib/errors";
import { getDb } from "@/server/db/client";
import {
  createAnnotationOk,
  createTestGroup,
  getAnnotation,
  importTestArticle,
  listAnnotationsRaw,
  listGroups,
  postAnnotation,
  postReply,
  targetFor,
  textBody,
  threadIds,
  type Auth,
  type TestDocument,
} from "./support/annotations";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import {
  changeMemberRole,
  createGroup,
  createInviteOk,
  flagAnnotation,
  getGroup,
  getTags,
  groupStateFingerprint,
  hideAnnotation,
  joinGroup,
  listInvites,
  listMembers,
  createInvite,
  membershipRole,
  moderationLog,
  patchGroup,
  putTags,
  removeMember,
  revokeInvite,
  securityEventsOf,
  unhideAnnotation,
} from "./support/groups";
import { expectApiError, type ApiResponse } from "./support/http";
import { createUserWithToken, sessionCookieFor, type TestUserWithToken } from "./support/users";

type Persona = "anonymous" | "nonMember" | "member" | "instructor" | "owner" | "removed";
type Outcome = number | ErrorCode | "listed" | "absent";

const PERSONAS: Persona[] = ["anonymous", "nonMember", "member", "instructor", "owner", "removed"];

let doc: TestDocument;
let users: Record<Exclude<Persona, "anonymous"> | "peer" | "peerInstructor", TestUserWithToken>;
let auth: Record<Persona | "peer" | "peerInstructor", Auth>;

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  doc = await importTestArticle();
  const [nonMember, member, instructor, owner, removed, peer, peerInstructor] = await Promise.all(
    ["Nina Outsider", "Max Member", "Ivo Instructor", "Olga Owner", "Rita Removed", "Pia Peer", "Paul Instructor"].map((name) =>
      createUserWithToken({ name }),
    ),
  );
  users = {
    nonMember: nonMember!,
    member: member!,
    instructor: instructor!,
    owner: owner!,
    removed: removed!,
    peer: peer!,
    peerInstructor: peerInstructor!,
  };
  auth = {
    anonymous: {},
    nonMember: { token: nonMember!.token },
    member: { token: member!.token },
    // The instructor uses the browser session; everyone else an API token.
    instructor: { cookie: (await sessionCookieFor(instructor!.id)).cookie },
    owner: { token: owner!.token },
    removed: { token: removed!.token },
    peer: { token: peer!.token },
    peerInstructor: { token: peerInstructor!.token },
  };
  // The non-member owns a group of their own, with annotations on the same document.
  const elsewhere = await createTestGroup("Elsewhere", [{ userId: nonMember!.id, role: "owner" }]);
  await createAnnotationOk(auth.nonMember, {
    documentId: doc.documentId,
    revisionId: doc.revisionId,
    groupId: elsewhere.id,
    kind: "comment",
    body: textBody("Outsider's own note"),
  });
});

afterAll(async () => {
  await closeDatabase();
});

/** A fresh group: owner, instructor, member, a peer member and a peer instructor; the removed persona was a member until the owner removed them. */
type World = {
  groupId: string;
  inviteCode: string;
  inviteId: string;
  annotation: AnnotationDto;
  hidden: AnnotationDto;
};

let worldCounter = 0;

async function freshWorld(): Promise<World> {
  const group = await createTestGroup(`Seminar ${++worldCounter}`, [
    { userId: users.owner.id, role: "owner" },
    { userId: users.instructor.id, role: "instructor" },
    { userId: users.member.id, role: "member" },
    { userId: users.removed.id, role: "member" },
    { userId: users.peer.id, role: "member" },
    { userId: users.peerInstructor.id, role: "instructor" },
  ]);
  const removed = await removeMember(auth.owner, group.id, users.removed.id);
  expect(removed.status, removed.text).toBe(204);
  const invite = await createInviteOk(auth.owner, group.id, {});
  const base = { documentId: doc.documentId, revisionId: doc.revisionId, groupId: group.id, kind: "comment" };
  const annotation = await createAnnotationOk(auth.peer, { ...base, body: textBody(`Peer note ${worldCounter}`) });
  const hidden = await createAnnotationOk(auth.peer, { ...base, body: textBody(`Hidden peer note ${worldCounter}`) });
  expect((await hideAnnotation(auth.owner, hidden.id)).status).toBe(200);
  return { groupId: group.id, inviteCode: invite.code, inviteId: invite.id, annotation, hidden };
}

function selfId(persona: Persona): string {
  return persona === "anonymous" ? users.peer.id : users[persona].id;
}

type Route = {
  call: (who: Auth, world: World, persona: Persona) => Promise<ApiResponse>;
  /** For list routes: whether the world's group (or annotation) is among the items. */
  listed?: (response: ApiResponse, world: World) => boolean;
  /** What an allowed call must have done. */
  effect?: (world: World, persona: Persona, response: ApiResponse) => Promise<void>;
  /** The resource a refused non-member's attempt is logged under. */
  resource?: (world: World) => string;
};

const group = (world: World) => `group:${world.groupId}`;

const ROUTES = {
  "GET /api/groups": {
    call: (who) => listGroups(who),
    listed: (response, world) => (response.body as { items: Array<{ id: string }> }).items.some((item) => item.id === world.groupId),
  },
  "POST /api/groups": {
    call: (who) => createGroup(who, { name: "My own group" }),
    effect: async (_world, persona, response) => {
      expect(await membershipRole((response.body as { id: string }).id, selfId(persona))).toBe("owner");
    },
  },
  "GET /api/groups/{id}": { call: (who, world) => getGroup(who, world.groupId), resource: group },
  "PATCH /api/groups/{id}": {
    call: (who, world) => patchGroup(who, world.groupId, { name: "Taken over", postFirst: true }),
    effect: async (world) => {
      expect(await getDb().group.findUnique({ where: { id: world.groupId } })).toMatchObject({ name: "Taken over", postFirst: true });
    },
    resource: group,
  },
  "POST /api/groups/join": {
    call: (who, world) => joinGroup(who, { inviteCode: world.inviteCode }),
    effect: async (world, persona) => {
      expect(await membershipRole(world.groupId, selfId(persona))).not.toBeNull();
    },
  },
  "GET /api/groups/{id}/members": { call: (who, world) => listMembers(who, world.groupId), resource: group },
  "PATCH /api/groups/{id}/members/{peer}": {
    call: (who, world) => changeMemberRole(who, world.groupId, users.peer.id, { role: "instructor" }),
    effect: async (world) => expect(await membershipRole(world.groupId, users.peer.id)).toBe("instructor"),
    resource: group,
  },
  "DELETE /api/groups/{id}/members/{peer}": {
    call: (who, world) => removeMember(who, world.groupId, users.peer.id),
    effect: async (world) => expect(await membershipRole(world.groupId, users.peer.id)).toBeNull(),
    resource: group,
  },
  "DELETE /api/groups/{id}/members/{peerInstructor}": {
    call: (who, world) => removeMember(who, world.groupId, users.peerInstructor.id),
    effect: async (world) => expect(await membershipRole(world.groupId, users.peerInstructor.id)).toBeNull(),
    resource: group,
  },
  "DELETE /api/groups/{id}/members/{self} (leave)": {
    call: (who, world, persona) => removeMember(who, world.groupId, selfId(persona)),
    effect: async (world, persona) => expect(await membershipRole(world.groupId, selfId(persona))).toBeNull(),
    resource: group,
  },
  "GET /api/groups/{id}/invites": { call: (who, world) => listInvites(who, world.groupId), resource: group },
  "POST /api/groups/{id}/invites": {
    call: (who, world) => createInvite(who, world.groupId, { maxUses: 3 }),
    effect: async (world) => expect(await getDb().groupInvite.count({ where: { groupId: world.groupId } })).toBe(2),
    resource: group,
  },
  "DELETE /api/groups/{id}/invites/{inviteId}": {
    call: (who, world) => revokeInvite(who, world.groupId, world.inviteId),
    effect: async (world) => expect((await getDb().groupInvite.findUnique({ where: { id: world.inviteId } }))?.revokedAt).not.toBeNull(),
    resource: group,
  },
  "GET /api/groups/{id}/tags": { call: (who, world) => getTags(who, world.groupId), resource: group },
  "PUT /api/groups/{id}/tags": {
    call: (who, world) => putTags(who, world.groupId, { tags: [{ name: "new tag", color: "green" }] }),
    effect: async (world) => expect(await getDb().groupTag.count({ where: { groupId: world.groupId, name: "new tag" } })).toBe(1),
    resource: group,
  },
  "GET /api/groups/{id}/moderation-log": { call: (who, world) => moderationLog(who, world.groupId), resource: group },
  "POST /api/annotations/{id}/flag": {
    call: (who, world) => flagAnnotation(who, world.annotation.id, { reason: "Off topic" }),
    effect: async (world) => expect(await getDb().annotationFlag.count({ where: { annotationId: world.annotation.id } })).toBe(1),
    resource: (world) => `annotation:${world.annotation.id}`,
  },
  "POST /api/annotations/{id}/hide": {
    call: (who, world) => hideAnnotation(who, world.annotation.id, { reason: "Spoiler" }),
    effect: async (world) => expect((await getDb().annotation.findUnique({ where: { id: world.annotation.id } }))?.hiddenAt).not.toBeNull(),
    resource: (world) => `annotation:${world.annotation.id}`,
  },
  "POST /api/annotations/{id}/unhide (a hidden annotation)": {
    call: (who, world) => unhideAnnotation(who, world.hidden.id),
    effect: async (world) => expect((await getDb().annotation.findUnique({ where: { id: world.hidden.id } }))?.hiddenAt).toBeNull(),
    resource: (world) => `annotation:${world.hidden.id}`,
  },
  "GET /api/annotations?documentId (list)": {
    call: (who) => listAnnotationsRaw(who, { documentId: doc.documentId }),
    listed: (response, world) => threadIds((response.body as { items: AnnotationDto[] }).items).includes(world.annotation.id),
  },
  "GET /api/annotations?documentId&groupId (list)": {
    call: (who, world) => listAnnotationsRaw(who, { documentId: doc.documentId, groupId: world.groupId }),
    listed: (response, world) => threadIds((response.body as { items: AnnotationDto[] }).items).includes(world.annotation.id),
  },
} satisfies Record<string, Route>;

type RouteName = keyof typeof ROUTES;

const OUTSIDE = "NOT_FOUND";
const ANON = "UNAUTHENTICATED";

/** Expected outcome per route: [anonymous, nonMember, member, instructor, owner, removed]. */
const MATRIX: Record<RouteName, [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome]> = {
  "GET /api/groups": [ANON, "absent", "listed", "listed", "listed", "absent"],
  "POST /api/groups": [ANON, 201, 201, 201, 201, 201],
  "GET /api/groups/{id}": [ANON, OUTSIDE, 200, 200, 200, OUTSIDE],
  "PATCH /api/groups/{id}": [ANON, OUTSIDE, "FORBIDDEN", "FORBIDDEN", 200, OUTSIDE],
  "POST /api/groups/join": [ANON, 201, 200, 200, 200, 201],
  "GET /api/groups/{id}/members": [ANON, OUTSIDE, 200, 200, 200, OUTSIDE],
  "PATCH /api/groups/{id}/members/{peer}": [ANON, OUTSIDE, "FORBIDDEN", "FORBIDDEN", 200, OUTSIDE],
  "DELETE /api/groups/{id}/members/{peer}": [ANON, OUTSIDE, "FORBIDDEN", 204, 204, OUTSIDE],
  "DELETE /api/groups/{id}/members/{peerInstructor}": [ANON, OUTSIDE, "FORBIDDEN", "FORBIDDEN", 204, OUTSIDE],
  "DELETE /api/groups/{id}/members/{self} (leave)": [ANON, OUTSIDE, 204, 204, "CONFLICT", OUTSIDE],
  "GET /api/groups/{id}/invites": [ANON, OUTSIDE, "FORBIDDEN", "FORBIDDEN", 200, OUTSIDE],
  "POST /api/groups/{id}/invites": [ANON, OUTSIDE, "FORBIDDEN", "FORBIDDEN", 201, OUTSIDE],
  "DELETE /api/groups/{id}/invites/{inviteId}": [ANON, OUTSIDE, "FORBIDDEN", "FORBIDDEN", 204, OUTSIDE],
  "GET /api/groups/{id}/tags": [ANON, OUTSIDE, 200, 200, 200, OUTSIDE],
  "PUT /api/groups/{id}/tags": [ANON, OUTSIDE, "FORBIDDEN", 200, 200, OUTSIDE],
  "GET /api/groups/{id}/moderation-log": [ANON, OUTSIDE, "FORBIDDEN", 200, 200, OUTSIDE],
  "POST /api/annotations/{id}/flag": [ANON, OUTSIDE, 201, 201, 201, OUTSIDE],
  "POST /api/annotations/{id}/hide": [ANON, OUTSIDE, "FORBIDDEN", 200, 200, OUTSIDE],
  // A hidden annotation does not exist for a plain member, so unhiding it is a 404, not a 403.
  "POST /api/annotations/{id}/unhide (a hidden annotation)": [ANON, OUTSIDE, OUTSIDE, 200, 200, OUTSIDE],
  "GET /api/annotations?documentId (list)": [ANON, "absent", "listed", "listed", "listed", "absent"],
  "GET /api/annotations?documentId&groupId (list)": [ANON, "absent", "listed", "listed", "listed", "absent"],
};

const STATUS_OF: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };

const CASES = (Object.entries(MATRIX) as Array<[RouteName, Outcome[]]>).flatMap(([route, row]) =>
  row.map((expected, index) => ({ route, persona: PERSONAS[index]!, expected })),
);

describe("the group authorization matrix", () => {
  it.each(CASES)("$route × $persona → $expected", async ({ route, persona, expected }) => {
    const world = await freshWorld();
    const spec: Route = ROUTES[route];
    const before = await groupStateFingerprint();
    const eventsBefore = persona === "anonymous" ? [] : await securityEventsOf(selfId(persona));

    const response = await spec.call(auth[persona], world, persona);

    if (spec.listed && response.status === 200) {
      expect(spec.listed(response, world) ? "listed" : "absent").toBe(expected);
      // A hidden annotation shows only to moderators; another group's rows never appear.
      if (persona !== "owner" && persona !== "instructor") expect(response.text).not.toContain(world.hidden.id);
      if (expected === "absent") {
        expect(response.text).not.toContain(world.groupId);
        expect(response.text).not.toContain(world.annotation.id);
      }
      return;
    }

    const outcome: Outcome = response.status < 400 ? response.status : (response.body as { error: { code: ErrorCode } }).error.code;
    expect(outcome, response.text).toBe(expected);

    if (typeof expected === "string") {
      expectApiError(response, STATUS_OF[expected as ErrorCode]!, expected as ErrorCode);
      // A refusal changes nothing and says nothing about what is inside the group.
      expect(await groupStateFingerprint()).toEqual(before);
      expect(response.text).not.toContain(world.annotation.body?.text ?? "never");
      expect(response.text).not.toContain(world.inviteCode);
      if (expected === "NOT_FOUND" && (persona === "nonMember" || persona === "removed") && spec.resource) {
        const events = (await securityEventsOf(selfId(persona))).slice(eventsBefore.length);
        expect(events).toContainEqual(expect.objectContaining({ actorId: selfId(persona), resource: spec.resource(world) }));
      }
      return;
    }
    await spec.effect?.(world, persona, response);
  });
});

describe("another group's rows", () => {
  it("never appear in GET /api/groups", async () => {
    await freshWorld();
    for (const persona of ["nonMember", "member", "instructor", "owner", "removed"] as const) {
      const response = await listGroups(auth[persona]);
      expect(response.status).toBe(200);
      const listed = (response.body as { items: Array<{ id: string }> }).items.map((item) => item.id).sort();
      const memberships = await getDb().groupMembership.findMany({ where: { userId: selfId(persona) }, select: { groupId: true } });
      expect(listed).toEqual(memberships.map((row) => row.groupId).sort());
    }
  });

  it("never appear in GET /api/annotations, whatever the filter", async () => {
    const world = await freshWorld();
    const groupRows = await getDb().annotation.findMany({ where: { groupId: world.groupId }, select: { id: true } });
    const queries: Array<Record<string, string>> = [
      { documentId: doc.documentId },
      { documentId: doc.documentId, groupId: world.groupId },
      { documentId: doc.documentId, author: users.peer.id },
      { documentId: doc.documentId, q: "Peer note" },
      { documentId: doc.documentId, kind: "comment" },
      { documentId: doc.documentId, resolved: "false" },
    ];
    for (const persona of ["nonMember", "removed"] as const) {
      for (const query of queries) {
        const response = await listAnnotationsRaw(auth[persona], query);
        expect(response.status, response.text).toBe(200);
        const ids = threadIds((response.body as { items: AnnotationDto[] }).items);
        for (const row of groupRows) expect(ids).not.toContain(row.id);
        expect(response.text).not.toContain(world.groupId);
      }
    }
    // The outsider still sees their own group's note.
    const own = await listAnnotationsRaw(auth.nonMember, { documentId: doc.documentId });
    expect(own.text).toContain("Outsider's own note");
  });

  it("logs refused cross-group attempts in security_events", async () => {
    const world = await freshWorld();
    const outsider = users.nonMember.id;
    const before = (await securityEventsOf(outsider)).length;
    expectApiError(await getGroup(auth.nonMember, world.groupId), 404, "NOT_FOUND");
    expectApiError(await getAnnotation(auth.nonMember, world.annotation.id), 404, "NOT_FOUND");
    expectApiError(await postReply(auth.nonMember, world.annotation.id, { body: textBody("let me in") }), 404, "NOT_FOUND");
    expectApiError(
      await postAnnotation(auth.nonMember, {
        documentId: doc.documentId,
        revisionId: doc.revisionId,
        groupId: world.groupId,
        kind: "highlight",
        target: targetFor(doc.text, "tight junctions"),
      }),
      404,
      "NOT_FOUND",
    );
    const events = (await securityEventsOf(outsider)).slice(before);
    const expected = [
      { actorId: outsider, kind: "group_not_visible", resource: `group:${world.groupId}` },
      { actorId: outsider, kind: "annotation_not_visible", resource: `annotation:${world.annotation.id}` },
      { actorId: outsider, kind: "annotation_not_visible", resource: `annotation:${world.annotation.id}` },
      { actorId: outsider, kind: "group_not_visible", resource: `group:${world.groupId}` },
    ];
    const byKind = (a: { kind: string }, b: { kind: string }) => a.kind.localeCompare(b.kind);
    expect([...events].sort(byKind)).toEqual([...expected].sort(byKind));
    // A member's 403 is not a cross-group attempt and is not logged.
    const memberBefore = (await securityEventsOf(users.member.id)).length;
    expectApiError(await patchGroup(auth.member, world.groupId, { name: "x" }), 403, "FORBIDDEN");
    expect(await securityEventsOf(users.member.id)).toHaveLength(memberBefore);
  });

  it("a removed member loses everything at once, and their old annotations stay with the group", async () => {
    const world = await freshWorld();
    const leaver = await createUserWithToken({ name: "Leaver" });
    await joinGroup({ token: leaver.token }, { inviteCode: world.inviteCode });
    const note = await createAnnotationOk(
      { token: leaver.token },
      { documentId: doc.documentId, revisionId: doc.revisionId, groupId: world.groupId, kind: "comment", body: textBody("Leaver's note") },
    );
    expect((await removeMember(auth.instructor, world.groupId, leaver.id)).status).toBe(204);
    expectApiError(await getAnnotation({ token: leaver.token }, note.id), 404, "NOT_FOUND");
    expectApiError(await getGroup({ token: leaver.token }, world.groupId), 404, "NOT_FOUND");
    const listed = await listAnnotationsRaw({ token: leaver.token }, { documentId: doc.documentId });
    expect(threadIds((listed.body as { items: AnnotationDto[] }).items)).not.toContain(note.id);
    // The group keeps the note.
    expect((await getAnnotation(auth.member, note.id)).status).toBe(200);
  });
});
