// The group-management API end to end: create, invite, join, roles, removal, leaving and
// the last-owner rules; invites with use limits (racing for the last use), expiry and
// revocation; settings; the tag vocabulary (add, rename on annotations, recolor, retire,
// member tags on or off); and bad input for every endpoint, which changes nothing.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnotationDto } from "@/lib/api/annotations";
import { GroupListResponse } from "@/lib/api/groups";
import type { ErrorCode } from "@/lib/errors";
import { getDb } from "@/server/db/client";
import {
  annotationRow,
  createAnnotationOk,
  importTestArticle,
  listGroupsOk,
  listGroups,
  patchAnnotation,
  postAnnotation,
  targetFor,
  textBody,
  type Auth,
  type TestDocument,
} from "./support/annotations";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import {
  changeMemberRole,
  createGroup,
  createGroupOk,
  createInvite,
  createInviteOk,
  expireInvite,
  flagAnnotation,
  getGroup,
  getGroupOk,
  getTags,
  groupStateFingerprint,
  hideAnnotation,
  invitesOk,
  joinGroup,
  joinOk,
  listInvites,
  listMembers,
  membersOk,
  membershipRole,
  moderationLog,
  moderationLogOk,
  ownerCount,
  patchGroup,
  putTags,
  removeMember,
  revokeInvite,
  securityEventsOf,
  tagsOk,
  unhideAnnotation,
  type CreatedGroup,
} from "./support/groups";
import { expectApiError, oversizedJsonBody, type ApiResponse } from "./support/http";
import { createUserWithToken, sessionCookieFor, type TestUserWithToken } from "./support/users";

let doc: TestDocument;
let olga: TestUserWithToken; // owner of most groups here
let ivo: TestUserWithToken; // instructor
let max: TestUserWithToken; // member
let nina: TestUserWithToken; // member
let omar: TestUserWithToken; // a second owner
let students: TestUserWithToken[];
const auth: Record<string, Auth> = {};

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  doc = await importTestArticle();
  const created = await Promise.all(
    ["Olga Owner", "Ivo Instructor", "Max Member", "Nina Member", "Omar Owner", "S1", "S2", "S3", "S4", "S5", "S6"].map((name) =>
      createUserWithToken({ name }),
    ),
  );
  [olga, ivo, max, nina, omar] = created.slice(0, 5) as [TestUserWithToken, TestUserWithToken, TestUserWithToken, TestUserWithToken, TestUserWithToken];
  students = created.slice(5);
  auth.olga = { token: olga.token };
  // Ivo signs in through the browser: a session cookie, not a token.
  auth.ivo = { cookie: (await sessionCookieFor(ivo.id)).cookie };
  auth.max = { token: max.token };
  auth.nina = { token: nina.token };
  auth.omar = { token: omar.token };
});

afterAll(async () => {
  await closeDatabase();
});

const as = (user: TestUserWithToken): Auth => ({ token: user.token });

/** A group owned by Olga with Ivo as instructor and Max and Nina as members, joined through invites. */
async function seminar(name = `Seminar ${randomUUID().slice(0, 6)}`): Promise<CreatedGroup> {
  const group = await createGroupOk(auth.olga!, name);
  const instructorInvite = await createInviteOk(auth.olga!, group.id, { role: "instructor" });
  expect((await joinOk(auth.ivo!, instructorInvite.code)).role).toBe("instructor");
  expect((await joinOk(auth.max!, group.inviteCode)).role).toBe("member");
  expect((await joinOk(auth.nina!, group.inviteCode)).role).toBe("member");
  return group;
}

function codeOf(response: ApiResponse): ErrorCode | number {
  return response.status < 400 ? response.status : (response.body as { error: { code: ErrorCode } }).error.code;
}

describe("creating a group", () => {
  it("makes the creator its owner, with the default vocabulary and a member invite code", async () => {
    const created = await createGroupOk(auth.olga!, "  Biology 101  ", { description: "  Tuesday reading group " });
    expect(created).toMatchObject({ name: "Biology 101", role: "owner" });
    expect(created.inviteCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);

    const detail = await getGroupOk(auth.olga!, created.id);
    expect(detail).toMatchObject({
      id: created.id,
      name: "Biology 101",
      description: "Tuesday reading group",
      isPersonal: false,
      role: "owner",
      memberCount: 1,
      postFirst: false,
      allowMemberTags: true,
    });
    expect(detail.tags.map((tag) => tag.name)).toEqual(["mechanism", "needs citation", "definition", "question", "evidence", "disagree"]);

    const listed = await listGroups(auth.olga!);
    expect(GroupListResponse.safeParse(listed.body).success).toBe(true);
    const summary = (await listGroupsOk(auth.olga!)).find((group) => group.id === created.id);
    expect(summary).toMatchObject({ name: "Biology 101", role: "owner", isPersonal: false, memberCount: 1 });

    const invites = await invitesOk(auth.olga!, created.id);
    expect(invites).toEqual([
      expect.objectContaining({ code: created.inviteCode, role: "member", expiresAt: null, maxUses: null, uses: 0, revoked: false }),
    ]);
    const members = await membersOk(auth.olga!, created.id);
    expect(members).toEqual([expect.objectContaining({ userId: olga.id, name: "Olga Owner", role: "owner" })]);
  });

  it("lists every group of a user, personal one included, each with the user's role", async () => {
    const group = await seminar("Listing");
    const items = await listGroupsOk(auth.max!);
    expect(items.filter((item) => item.isPersonal)).toEqual([expect.objectContaining({ name: "Max Member's notes", role: "owner", memberCount: 1 })]);
    expect(items.find((item) => item.id === group.id)).toMatchObject({ role: "member", memberCount: 4, isPersonal: false });
    const memberships = await getDb().groupMembership.findMany({ where: { userId: max.id }, select: { groupId: true } });
    expect(items.map((item) => item.id).sort()).toEqual(memberships.map((row) => row.groupId).sort());
    expect((await listGroupsOk(auth.ivo!)).find((item) => item.id === group.id)?.role).toBe("instructor");
  });
});

describe("invites and joining", () => {
  it("joins with the code (any case, surrounding spaces), and a second join is a 200 that uses nothing", async () => {
    const group = await createGroupOk(auth.olga!, "Join me");
    const first = await joinGroup(auth.max!, { inviteCode: `  ${group.inviteCode.toLowerCase()} ` });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toEqual({ id: group.id, name: "Join me", role: "member" });

    const again = await joinGroup(auth.max!, { inviteCode: group.inviteCode });
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual({ id: group.id, name: "Join me", role: "member" });
    expect((await invitesOk(auth.olga!, group.id))[0]?.uses).toBe(1);
    // The owner joining with their own code is "already a member" too, and keeps their role.
    expect(await joinOk(auth.olga!, group.inviteCode, 200)).toMatchObject({ role: "owner" });
    expect((await getGroupOk(auth.max!, group.id)).memberCount).toBe(2);
  });

  it("creates invites with a role, an expiry and a use limit, newest first", async () => {
    const group = await createGroupOk(auth.olga!, "Invites");
    const before = Date.now();
    const invite = await createInviteOk(auth.olga!, group.id, { role: "instructor", expiresInHours: 48, maxUses: 3 });
    expect(invite).toMatchObject({ role: "instructor", maxUses: 3, uses: 0, revoked: false });
    expect(invite.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const expiresAt = Date.parse(invite.expiresAt!);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 48 * 3_600_000 - 1_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 48 * 3_600_000 + 1_000);

    const invites = await invitesOk(auth.olga!, group.id);
    expect(invites.map((item) => item.id)).toEqual([invite.id, expect.any(String)]);
    expect(invites[1]?.code).toBe(group.inviteCode);
    expect(await joinOk(auth.ivo!, invite.code)).toMatchObject({ id: group.id, role: "instructor" });
    expect(await membershipRole(group.id, ivo.id)).toBe("instructor");
  });

  it("stops a limited invite after its last use", async () => {
    const group = await createGroupOk(auth.olga!, "Two seats");
    const invite = await createInviteOk(auth.olga!, group.id, { maxUses: 2 });
    await joinOk(as(students[0]!), invite.code);
    await joinOk(as(students[1]!), invite.code);
    expectApiError(await joinGroup(as(students[2]!), { inviteCode: invite.code }), 404, "NOT_FOUND");
    expect(await membershipRole(group.id, students[2]!.id)).toBeNull();
    expect((await invitesOk(auth.olga!, group.id)).find((item) => item.id === invite.id)?.uses).toBe(2);
    // Someone already in still gets their 200.
    await joinOk(as(students[0]!), invite.code, 200);
  });

  it("lets exactly one of several students racing for the last use in", async () => {
    const group = await createGroupOk(auth.olga!, "Last seat");
    const invite = await createInviteOk(auth.olga!, group.id, { maxUses: 2 });
    await joinOk(as(students[0]!), invite.code);
    const racers = students.slice(1, 6);
    const responses = await Promise.all(racers.map((student) => joinGroup(as(student), { inviteCode: invite.code })));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 404, 404, 404, 404]);
    for (const response of responses.filter((item) => item.status === 404)) expectApiError(response, 404, "NOT_FOUND");
    expect(await getDb().groupMembership.count({ where: { groupId: group.id } })).toBe(3);
    expect((await invitesOk(auth.olga!, group.id)).find((item) => item.id === invite.id)?.uses).toBe(2);
  });

  it("answers one user's simultaneous joins with one 201 and 200s, never a 500, using one seat", async () => {
    const group = await createGroupOk(auth.olga!, "Double click");
    const invite = await createInviteOk(auth.olga!, group.id, { maxUses: 5 });
    const responses = await Promise.all([0, 1, 2, 3].map(() => joinGroup(as(students[5]!), { inviteCode: invite.code })));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 201]);
    expect(await membershipRole(group.id, students[5]!.id)).toBe("member");
    expect((await invitesOk(auth.olga!, group.id)).find((item) => item.id === invite.id)?.uses).toBe(1);
  });

  it("refuses an expired invite with 404", async () => {
    const group = await createGroupOk(auth.olga!, "Expiring");
    const invite = await createInviteOk(auth.olga!, group.id, { expiresInHours: 1 });
    await expireInvite(invite.id);
    expectApiError(await joinGroup(auth.max!, { inviteCode: invite.code }), 404, "NOT_FOUND");
    expect(await membershipRole(group.id, max.id)).toBeNull();
    expect((await invitesOk(auth.olga!, group.id)).find((item) => item.id === invite.id)?.uses).toBe(0);
  });

  it("revokes an invite: 204, listed as revoked, joins refused, a second revoke is a 404", async () => {
    const group = await createGroupOk(auth.olga!, "Revoked");
    const other = await createGroupOk(auth.olga!, "Other");
    const invite = await createInviteOk(auth.olga!, group.id);
    // An invite of another group cannot be revoked through this one.
    expectApiError(await revokeInvite(auth.olga!, other.id, invite.id), 404, "NOT_FOUND");
    const revoked = await revokeInvite(auth.olga!, group.id, invite.id);
    expect(revoked.status, revoked.text).toBe(204);
    expect(revoked.text).toBe("");
    expect((await invitesOk(auth.olga!, group.id)).find((item) => item.id === invite.id)).toMatchObject({ revoked: true });
    expectApiError(await joinGroup(auth.nina!, { inviteCode: invite.code }), 404, "NOT_FOUND");
    expectApiError(await revokeInvite(auth.olga!, group.id, invite.id), 404, "NOT_FOUND");
    expect(await membershipRole(group.id, nina.id)).toBeNull();
    // The group's other code still works.
    await joinOk(auth.nina!, group.inviteCode);
  });

  it("refuses an unknown code with 404 and records the attempt", async () => {
    const response = await joinGroup(auth.nina!, { inviteCode: "ZZZZ2222" });
    expectApiError(response, 404, "NOT_FOUND");
    expect(await securityEventsOf(nina.id)).toContainEqual(expect.objectContaining({ kind: "invalid_invite", resource: "invite:ZZZZ2222" }));
  });
});

describe("members and roles", () => {
  it("lists members with their names, roles and join times, owners first", async () => {
    const group = await seminar();
    const members = await membersOk(auth.max!, group.id);
    expect(members.map((member) => [member.name, member.role])).toEqual([
      ["Olga Owner", "owner"],
      ["Ivo Instructor", "instructor"],
      ["Max Member", "member"],
      ["Nina Member", "member"],
    ]);
    for (const member of members) expect(Number.isNaN(Date.parse(member.joinedAt))).toBe(false);
  });

  it("lets the owner change roles, logging each change", async () => {
    const group = await seminar();
    const response = await changeMemberRole(auth.olga!, group.id, max.id, { role: "instructor" });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({ userId: max.id, role: "instructor" });
    expect((await getGroupOk(auth.max!, group.id)).role).toBe("instructor");
    // Max, now an instructor, can see the moderation log, which records the change.
    const log = await moderationLogOk(auth.max!, group.id);
    expect(log[0]).toMatchObject({ action: "change_role", actorId: olga.id, targetUserId: max.id, detail: "member → instructor" });

    expect((await changeMemberRole(auth.olga!, group.id, max.id, { role: "member" })).status).toBe(200);
    expect(await membershipRole(group.id, max.id)).toBe("member");
  });

  it("never demotes the last owner (409), but does once there is another", async () => {
    const group = await seminar();
    const before = await groupStateFingerprint();
    expectApiError(await changeMemberRole(auth.olga!, group.id, olga.id, { role: "instructor" }), 409, "CONFLICT");
    expect(await groupStateFingerprint()).toEqual(before);

    expect((await changeMemberRole(auth.olga!, group.id, nina.id, { role: "owner" })).status).toBe(200);
    // Now Nina (an owner) may demote Olga, and Olga loses the owner's rights.
    expect((await changeMemberRole(auth.nina!, group.id, olga.id, { role: "member" })).status).toBe(200);
    expectApiError(await patchGroup(auth.olga!, group.id, { name: "mine again" }), 403, "FORBIDDEN");
    expectApiError(await changeMemberRole(auth.nina!, group.id, nina.id, { role: "member" }), 409, "CONFLICT");
    expect(await ownerCount(group.id)).toBe(1);
  });

  it("answers 404 for a role change of someone who is not a member", async () => {
    const group = await seminar();
    expectApiError(await changeMemberRole(auth.olga!, group.id, omar.id, { role: "member" }), 404, "NOT_FOUND");
    expect(await membershipRole(group.id, omar.id)).toBeNull();
  });

  it("lets instructors remove members but not instructors; owners remove anyone", async () => {
    const group = await seminar();
    await joinOk(auth.omar!, group.inviteCode);
    expect((await changeMemberRole(auth.olga!, group.id, omar.id, { role: "owner" })).status).toBe(200);

    const removed = await removeMember(auth.ivo!, group.id, max.id);
    expect(removed.status, removed.text).toBe(204);
    expect(await membershipRole(group.id, max.id)).toBeNull();
    expectApiError(await getGroup(auth.max!, group.id), 404, "NOT_FOUND");
    expect((await listGroupsOk(auth.max!)).map((item) => item.id)).not.toContain(group.id);

    expectApiError(await removeMember(auth.ivo!, group.id, omar.id), 403, "FORBIDDEN");
    expectApiError(await removeMember(auth.nina!, group.id, ivo.id), 403, "FORBIDDEN");
    expect((await removeMember(auth.olga!, group.id, ivo.id)).status).toBe(204);
    expect((await removeMember(auth.olga!, group.id, omar.id)).status).toBe(204);
    expectApiError(await removeMember(auth.olga!, group.id, omar.id), 404, "NOT_FOUND");

    const log = await moderationLogOk(auth.olga!, group.id);
    expect(log.filter((entry) => entry.action === "remove_member").map((entry) => entry.targetUserId)).toEqual([omar.id, ivo.id, max.id]);
    expect((await getGroupOk(auth.olga!, group.id)).memberCount).toBe(2);
  });

  it("lets anyone leave, except the last owner (409)", async () => {
    const group = await seminar();
    expect((await removeMember(auth.max!, group.id, max.id)).status).toBe(204);
    expect((await removeMember(auth.ivo!, group.id, ivo.id)).status).toBe(204);
    expectApiError(await getGroup(auth.max!, group.id), 404, "NOT_FOUND");

    expectApiError(await removeMember(auth.olga!, group.id, olga.id), 409, "CONFLICT");
    expect(await membershipRole(group.id, olga.id)).toBe("owner");

    expect((await changeMemberRole(auth.olga!, group.id, nina.id, { role: "owner" })).status).toBe(200);
    expect((await removeMember(auth.olga!, group.id, olga.id)).status).toBe(204);
    expect(await ownerCount(group.id)).toBe(1);

    const log = await moderationLogOk(auth.nina!, group.id);
    expect(log.filter((entry) => entry.action === "leave").map((entry) => entry.actorId)).toEqual([olga.id, ivo.id, max.id]);
  });

  it("a member who left can come back with a code", async () => {
    const group = await seminar();
    expect((await removeMember(auth.max!, group.id, max.id)).status).toBe(204);
    await joinOk(auth.max!, group.inviteCode);
    expect((await getGroupOk(auth.max!, group.id)).role).toBe("member");
  });

  // Races are timing-dependent, so each is run on several groups at once.
  const RACE_ROUNDS = 6;

  it("keeps an owner when the last two owners leave at the same moment", async () => {
    const groups = await Promise.all(Array.from({ length: RACE_ROUNDS }, () => seminar()));
    for (const group of groups) expect((await changeMemberRole(auth.olga!, group.id, nina.id, { role: "owner" })).status).toBe(200);
    const outcomes = await Promise.all(
      groups.map(async (group) => {
        const [olgaLeaves, ninaLeaves] = await Promise.all([
          removeMember(auth.olga!, group.id, olga.id),
          removeMember(auth.nina!, group.id, nina.id),
        ]);
        return { statuses: [olgaLeaves.status, ninaLeaves.status].sort(), owners: await ownerCount(group.id) };
      }),
    );
    expect(outcomes).toEqual(groups.map(() => ({ statuses: [204, 409], owners: 1 })));
  });

  it("keeps an owner when the last two owners demote each other at the same moment", async () => {
    const groups = await Promise.all(Array.from({ length: RACE_ROUNDS }, () => seminar()));
    for (const group of groups) expect((await changeMemberRole(auth.olga!, group.id, nina.id, { role: "owner" })).status).toBe(200);
    const outcomes = await Promise.all(
      groups.map(async (group) => {
        const responses = await Promise.all([
          changeMemberRole(auth.olga!, group.id, nina.id, { role: "member" }),
          changeMemberRole(auth.nina!, group.id, olga.id, { role: "member" }),
        ]);
        return { outcomes: responses.map(codeOf).sort(), owners: await ownerCount(group.id) };
      }),
    );
    expect(outcomes).toEqual(groups.map(() => ({ outcomes: [200, "CONFLICT"], owners: 1 })));
  });
});

describe("settings", () => {
  it("lets the owner rename, describe and switch post-first and member tags", async () => {
    const group = await seminar();
    const response = await patchGroup(auth.olga!, group.id, {
      name: "  Renamed seminar ",
      description: "Week 3",
      postFirst: true,
      allowMemberTags: false,
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ name: "Renamed seminar", description: "Week 3", postFirst: true, allowMemberTags: false, role: "owner" });
    expect(await getGroupOk(auth.max!, group.id)).toMatchObject({ name: "Renamed seminar", postFirst: true, allowMemberTags: false, role: "member" });
    expect((await listGroupsOk(auth.nina!)).find((item) => item.id === group.id)?.name).toBe("Renamed seminar");
    expect((await tagsOk(auth.max!, group.id)).allowMemberTags).toBe(false);

    // One setting at a time; a null description clears it.
    expect((await patchGroup(auth.olga!, group.id, { description: null })).body).toMatchObject({ description: null, postFirst: true });
    expect((await patchGroup(auth.olga!, group.id, { postFirst: false })).body).toMatchObject({ postFirst: false, name: "Renamed seminar" });
  });
});

describe("the tag vocabulary", () => {
  function noteIn(groupId: string | null, tags: string[], quote = "tight junctions") {
    return { documentId: doc.documentId, revisionId: doc.revisionId, groupId, kind: "note", tags, target: targetFor(doc.text, quote) };
  }

  it("reads the vocabulary with its setting and retired flags", async () => {
    const group = await seminar();
    expect(await tagsOk(auth.max!, group.id)).toEqual({
      allowMemberTags: true,
      tags: [
        { name: "mechanism", color: "blue", retired: false },
        { name: "needs citation", color: "orange", retired: false },
        { name: "definition", color: "green", retired: false },
        { name: "question", color: "purple", retired: false },
        { name: "evidence", color: "yellow", retired: false },
        { name: "disagree", color: "pink", retired: false },
      ],
    });
  });

  it("adds a tag (normalized to lower case), recolors one and retires one", async () => {
    const group = await seminar();
    const response = await putTags(auth.ivo!, group.id, {
      tags: [
        { name: "  Key Term ", color: "green" },
        { name: "evidence", color: "blue" },
        { name: "disagree", color: "pink", retired: true },
      ],
    });
    expect(response.status, response.text).toBe(200);
    const vocabulary = response.body as Awaited<ReturnType<typeof tagsOk>>;
    expect(vocabulary.tags).toContainEqual({ name: "key term", color: "green", retired: false });
    expect(vocabulary.tags).toContainEqual({ name: "evidence", color: "blue", retired: false });
    expect(vocabulary.tags).toContainEqual({ name: "disagree", color: "pink", retired: true });
    expect(await tagsOk(auth.max!, group.id)).toEqual(vocabulary);

    // Retired tags leave the group's active vocabulary (detail and list), the rest show their new colors.
    const detail = await getGroupOk(auth.max!, group.id);
    expect(detail.tags.map((tag) => tag.name)).not.toContain("disagree");
    expect(detail.tags).toContainEqual({ name: "evidence", color: "blue" });
    expect(detail.tags).toContainEqual({ name: "key term", color: "green" });
    const summary = (await listGroupsOk(auth.max!)).find((item) => item.id === group.id);
    expect(summary?.tags.map((tag) => tag.name)).not.toContain("disagree");

    // Un-retiring brings it back.
    expect((await putTags(auth.olga!, group.id, { tags: [{ name: "disagree", color: "pink", retired: false }] })).status).toBe(200);
    expect((await getGroupOk(auth.max!, group.id)).tags.map((tag) => tag.name)).toContain("disagree");
  });

  it("renames a tag on the group's annotations, and nowhere else", async () => {
    const group = await seminar();
    const other = await seminar();
    const inGroup = await createAnnotationOk(auth.max!, noteIn(group.id, ["question", "evidence"]));
    const byNina = await createAnnotationOk(auth.nina!, noteIn(group.id, ["question"], "epithelial cells"));
    const otherGroup = await createAnnotationOk(auth.max!, noteIn(other.id, ["question"]));
    const privateNote = await createAnnotationOk(auth.max!, noteIn(null, ["question"]));

    const response = await putTags(auth.olga!, group.id, { tags: [{ previousName: "question", name: "Open Question", color: "orange" }] });
    expect(response.status, response.text).toBe(200);
    const names = (response.body as Awaited<ReturnType<typeof tagsOk>>).tags.map((tag) => tag.name);
    expect(names).toContain("open question");
    expect(names).not.toContain("question");
    expect((response.body as Awaited<ReturnType<typeof tagsOk>>).tags).toContainEqual({ name: "open question", color: "orange", retired: false });

    expect((await annotationRow(inGroup.id))?.tags).toEqual(["open question", "evidence"]);
    expect((await annotationRow(byNina.id))?.tags).toEqual(["open question"]);
    expect((await annotationRow(otherGroup.id))?.tags).toEqual(["question"]);
    expect((await annotationRow(privateNote.id))?.tags).toEqual(["question"]);
    expect((await tagsOk(auth.olga!, other.id)).tags.map((tag) => tag.name)).toContain("question");
  });

  it("refuses renaming a tag onto a name the vocabulary already has (409), changing nothing", async () => {
    const group = await seminar();
    const note = await createAnnotationOk(auth.max!, noteIn(group.id, ["question"]));
    const before = await groupStateFingerprint();
    const response = await putTags(auth.olga!, group.id, { tags: [{ previousName: "question", name: "evidence", color: "yellow" }] });
    expectApiError(response, 409, "CONFLICT");
    expect(await groupStateFingerprint()).toEqual(before);
    expect((await annotationRow(note.id))?.tags).toEqual(["question"]);
  });

  it("with member tags on, a member's new tag joins the vocabulary", async () => {
    const group = await seminar();
    const note = await createAnnotationOk(auth.max!, noteIn(group.id, ["Brand New"]));
    expect(note.tags).toEqual(["brand new"]);
    expect((await tagsOk(auth.nina!, group.id)).tags).toContainEqual(expect.objectContaining({ name: "brand new", retired: false }));
  });

  it("with member tags off, a member's tag outside the vocabulary is a 422 (create and edit); moderators still add tags", async () => {
    const group = await seminar();
    expect((await patchGroup(auth.olga!, group.id, { allowMemberTags: false })).status).toBe(200);
    expect((await putTags(auth.olga!, group.id, { tags: [{ name: "disagree", color: "pink", retired: true }] })).status).toBe(200);

    const before = await groupStateFingerprint();
    expectApiError(await postAnnotation(auth.max!, noteIn(group.id, ["made up"])), 422, "UNPROCESSABLE");
    expectApiError(await postAnnotation(auth.max!, noteIn(group.id, ["question", "made up"])), 422, "UNPROCESSABLE");
    // A retired tag is outside the vocabulary too.
    expectApiError(await postAnnotation(auth.max!, noteIn(group.id, ["disagree"])), 422, "UNPROCESSABLE");
    expect(await groupStateFingerprint()).toEqual(before);

    const allowed = await createAnnotationOk(auth.max!, noteIn(group.id, ["question"]));
    expect(allowed.color).toBe("purple");
    expectApiError(await patchAnnotation(auth.max!, allowed.id, { tags: ["made up"] }), 422, "UNPROCESSABLE");
    expect((await annotationRow(allowed.id))?.tags).toEqual(["question"]);

    // Private annotations are not bound by any group's vocabulary.
    await createAnnotationOk(auth.max!, noteIn(null, ["made up"]));

    const byInstructor = await createAnnotationOk(auth.ivo!, noteIn(group.id, ["instructor tag"]));
    expect(byInstructor.tags).toEqual(["instructor tag"]);
    expect((await tagsOk(auth.max!, group.id)).tags.map((tag) => tag.name)).toContain("instructor tag");
    await createAnnotationOk(auth.max!, noteIn(group.id, ["instructor tag"]));
  });
});

describe("bad input", () => {
  let group: CreatedGroup;
  let note: AnnotationDto;
  let inviteId: string;

  beforeAll(async () => {
    group = await seminar("Bad input");
    note = await createAnnotationOk(auth.max!, {
      documentId: doc.documentId,
      revisionId: doc.revisionId,
      groupId: group.id,
      kind: "comment",
      body: textBody("the target of bad moderation input"),
    });
    inviteId = (await createInviteOk(auth.olga!, group.id)).id;
  });

  type Case = [label: string, call: () => Promise<ApiResponse>, status: number, code: ErrorCode];
  const unknown = randomUUID();
  const o = () => auth.olga!;
  const cases: Case[] = [
    // POST /api/groups
    ["create: no name", () => createGroup(o(), {}), 400, "VALIDATION_FAILED"],
    ["create: an empty name", () => createGroup(o(), { name: "" }), 400, "VALIDATION_FAILED"],
    ["create: a blank name", () => createGroup(o(), { name: "    " }), 400, "VALIDATION_FAILED"],
    ["create: a name of 101 characters", () => createGroup(o(), { name: "n".repeat(101) }), 400, "VALIDATION_FAILED"],
    ["create: a numeric name", () => createGroup(o(), { name: 42 }), 400, "VALIDATION_FAILED"],
    ["create: a description of 1,001 characters", () => createGroup(o(), { name: "ok", description: "d".repeat(1001) }), 400, "VALIDATION_FAILED"],
    ["create: a null description", () => createGroup(o(), { name: "ok", description: null }), 400, "VALIDATION_FAILED"],
    ["create: an unknown field (isPersonal)", () => createGroup(o(), { name: "ok", isPersonal: true }), 400, "VALIDATION_FAILED"],
    ["create: an unknown field (postFirst)", () => createGroup(o(), { name: "ok", postFirst: true }), 400, "VALIDATION_FAILED"],
    ["create: an array", () => createGroup(o(), [{ name: "ok" }]), 400, "VALIDATION_FAILED"],
    ["create: invalid JSON", () => createGroup(o(), "{name: ok}"), 400, "INVALID_JSON"],
    ["create: an empty body", () => createGroup(o(), ""), 400, "INVALID_JSON"],
    ["create: text/plain", () => createGroup(o(), { name: "ok" }, { contentType: "text/plain" }), 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["create: no content type", () => createGroup(o(), { name: "ok" }, { contentType: null }), 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["create: over 64 KiB", () => createGroup(o(), oversizedJsonBody({ name: "ok" })), 413, "PAYLOAD_TOO_LARGE"],
    // PATCH /api/groups/{id}
    ["patch: an empty object", () => patchGroup(o(), group.id, {}), 400, "VALIDATION_FAILED"],
    ["patch: postFirst as a string", () => patchGroup(o(), group.id, { postFirst: "true" }), 400, "VALIDATION_FAILED"],
    ["patch: allowMemberTags as 1", () => patchGroup(o(), group.id, { allowMemberTags: 1 }), 400, "VALIDATION_FAILED"],
    ["patch: postFirst null", () => patchGroup(o(), group.id, { postFirst: null }), 400, "VALIDATION_FAILED"],
    ["patch: an empty name", () => patchGroup(o(), group.id, { name: " " }), 400, "VALIDATION_FAILED"],
    ["patch: a null name", () => patchGroup(o(), group.id, { name: null }), 400, "VALIDATION_FAILED"],
    ["patch: an unknown field (isPersonal)", () => patchGroup(o(), group.id, { isPersonal: true }), 400, "VALIDATION_FAILED"],
    ["patch: a non-uuid id", () => patchGroup(o(), "not-a-group", { name: "x" }), 400, "VALIDATION_FAILED"],
    ["patch: an unknown group", () => patchGroup(o(), unknown, { name: "x" }), 404, "NOT_FOUND"],
    ["patch: invalid JSON", () => patchGroup(o(), group.id, '{"name": "x",}'), 400, "INVALID_JSON"],
    ["patch: form-encoded", () => patchGroup(o(), group.id, "name=x", { contentType: "application/x-www-form-urlencoded" }), 415, "UNSUPPORTED_MEDIA_TYPE"],
    // GET /api/groups/{id} and friends
    ["get: a non-uuid id", () => getGroup(o(), "1"), 400, "VALIDATION_FAILED"],
    ["get: an unknown group", () => getGroup(o(), unknown), 404, "NOT_FOUND"],
    ["members: a non-uuid id", () => listMembers(o(), "../groups"), 400, "VALIDATION_FAILED"],
    ["tags: a non-uuid id", () => getTags(o(), "x"), 400, "VALIDATION_FAILED"],
    ["invites: a non-uuid id", () => listInvites(o(), "x"), 400, "VALIDATION_FAILED"],
    ["moderation log: a non-uuid id", () => moderationLog(o(), "x"), 400, "VALIDATION_FAILED"],
    // POST /api/groups/join
    ["join: no code", () => joinGroup(auth.omar!, {}), 400, "VALIDATION_FAILED"],
    ["join: a code too short", () => joinGroup(auth.omar!, { inviteCode: "ABC" }), 400, "VALIDATION_FAILED"],
    ["join: a code with look-alikes (0, O, 1, I)", () => joinGroup(auth.omar!, { inviteCode: "O0I1O0I1" }), 400, "VALIDATION_FAILED"],
    ["join: a numeric code", () => joinGroup(auth.omar!, { inviteCode: 12345678 }), 400, "VALIDATION_FAILED"],
    ["join: an unknown field", () => joinGroup(auth.omar!, { inviteCode: group.inviteCode, role: "owner" }), 400, "VALIDATION_FAILED"],
    ["join: an unknown code", () => joinGroup(auth.omar!, { inviteCode: "QQQQ3333" }), 404, "NOT_FOUND"],
    ["join: invalid JSON", () => joinGroup(auth.omar!, "inviteCode"), 400, "INVALID_JSON"],
    ["join: text/plain", () => joinGroup(auth.omar!, { inviteCode: group.inviteCode }, { contentType: "text/plain" }), 415, "UNSUPPORTED_MEDIA_TYPE"],
    // PATCH /api/groups/{id}/members/{userId}
    ["role: an unknown role", () => changeMemberRole(o(), group.id, max.id, { role: "admin" }), 400, "VALIDATION_FAILED"],
    ["role: a capitalized role", () => changeMemberRole(o(), group.id, max.id, { role: "Owner" }), 400, "VALIDATION_FAILED"],
    ["role: no role", () => changeMemberRole(o(), group.id, max.id, {}), 400, "VALIDATION_FAILED"],
    ["role: an unknown field", () => changeMemberRole(o(), group.id, max.id, { role: "member", userId: nina.id }), 400, "VALIDATION_FAILED"],
    ["role: a non-uuid user", () => changeMemberRole(o(), group.id, "max", { role: "member" }), 400, "VALIDATION_FAILED"],
    ["role: a non-member", () => changeMemberRole(o(), group.id, omar.id, { role: "member" }), 404, "NOT_FOUND"],
    ["role: invalid JSON", () => changeMemberRole(o(), group.id, max.id, "{"), 400, "INVALID_JSON"],
    // DELETE /api/groups/{id}/members/{userId}
    ["remove: a non-uuid user", () => removeMember(o(), group.id, "everyone"), 400, "VALIDATION_FAILED"],
    ["remove: a non-uuid group", () => removeMember(o(), "x", max.id), 400, "VALIDATION_FAILED"],
    ["remove: a non-member", () => removeMember(o(), group.id, omar.id), 404, "NOT_FOUND"],
    // POST /api/groups/{id}/invites
    ["invite: the owner role", () => createInvite(o(), group.id, { role: "owner" }), 400, "VALIDATION_FAILED"],
    ["invite: expiresInHours 0", () => createInvite(o(), group.id, { expiresInHours: 0 }), 400, "VALIDATION_FAILED"],
    ["invite: expiresInHours over a year", () => createInvite(o(), group.id, { expiresInHours: 24 * 365 + 1 }), 400, "VALIDATION_FAILED"],
    ["invite: fractional expiresInHours", () => createInvite(o(), group.id, { expiresInHours: 1.5 }), 400, "VALIDATION_FAILED"],
    ["invite: maxUses 0", () => createInvite(o(), group.id, { maxUses: 0 }), 400, "VALIDATION_FAILED"],
    ["invite: maxUses 10,001", () => createInvite(o(), group.id, { maxUses: 10_001 }), 400, "VALIDATION_FAILED"],
    ["invite: maxUses as a string", () => createInvite(o(), group.id, { maxUses: "5" }), 400, "VALIDATION_FAILED"],
    ["invite: an unknown field (code)", () => createInvite(o(), group.id, { code: "AAAAAAAA" }), 400, "VALIDATION_FAILED"],
    ["invite: null", () => createInvite(o(), group.id, "null"), 400, "VALIDATION_FAILED"],
    ["invite: a non-uuid group", () => createInvite(o(), "x", {}), 400, "VALIDATION_FAILED"],
    ["invite: an unknown group", () => createInvite(o(), unknown, {}), 404, "NOT_FOUND"],
    // DELETE /api/groups/{id}/invites/{inviteId}
    ["revoke: a non-uuid invite", () => revokeInvite(o(), group.id, "AAAAAAAA"), 400, "VALIDATION_FAILED"],
    ["revoke: an unknown invite", () => revokeInvite(o(), group.id, unknown), 404, "NOT_FOUND"],
    ["revoke: a non-uuid group", () => revokeInvite(o(), "x", inviteId), 400, "VALIDATION_FAILED"],
    // PUT /api/groups/{id}/tags
    ["tags: no tags field", () => putTags(o(), group.id, {}), 400, "VALIDATION_FAILED"],
    ["tags: tags as an object", () => putTags(o(), group.id, { tags: { name: "x", color: "blue" } }), 400, "VALIDATION_FAILED"],
    ["tags: an unknown color", () => putTags(o(), group.id, { tags: [{ name: "x", color: "red" }] }), 400, "VALIDATION_FAILED"],
    ["tags: a name with markup", () => putTags(o(), group.id, { tags: [{ name: "<b>x</b>", color: "blue" }] }), 400, "VALIDATION_FAILED"],
    ["tags: a name of 41 characters", () => putTags(o(), group.id, { tags: [{ name: "t".repeat(41), color: "blue" }] }), 400, "VALIDATION_FAILED"],
    ["tags: an empty name", () => putTags(o(), group.id, { tags: [{ name: " ", color: "blue" }] }), 400, "VALIDATION_FAILED"],
    ["tags: retired as a string", () => putTags(o(), group.id, { tags: [{ name: "x", color: "blue", retired: "yes" }] }), 400, "VALIDATION_FAILED"],
    ["tags: an unknown field in a tag", () => putTags(o(), group.id, { tags: [{ name: "x", color: "blue", id: 1 }] }), 400, "VALIDATION_FAILED"],
    ["tags: the same name twice", () => putTags(o(), group.id, { tags: [{ name: "twice", color: "blue" }, { name: "Twice", color: "green" }] }), 400, "VALIDATION_FAILED"],
    ["tags: 101 tags", () => putTags(o(), group.id, { tags: Array.from({ length: 101 }, (_, i) => ({ name: `tag ${i}`, color: "blue" })) }), 400, "VALIDATION_FAILED"],
    ["tags: renaming a tag that does not exist", () => putTags(o(), group.id, { tags: [{ previousName: "nope", name: "yes", color: "blue" }] }), 404, "NOT_FOUND"],
    ["tags: an empty previousName", () => putTags(o(), group.id, { tags: [{ previousName: "", name: "yes", color: "blue" }] }), 400, "VALIDATION_FAILED"],
    ["tags: a non-uuid group", () => putTags(o(), "x", { tags: [] }), 400, "VALIDATION_FAILED"],
    ["tags: invalid JSON", () => putTags(o(), group.id, "[tags]"), 400, "INVALID_JSON"],
    // POST /api/annotations/{id}/flag
    ["flag: no reason", () => flagAnnotation(auth.nina!, note.id, {}), 400, "VALIDATION_FAILED"],
    ["flag: a reason of 2 characters", () => flagAnnotation(auth.nina!, note.id, { reason: "  no  " }), 400, "VALIDATION_FAILED"],
    ["flag: a reason of 501 characters", () => flagAnnotation(auth.nina!, note.id, { reason: "r".repeat(501) }), 400, "VALIDATION_FAILED"],
    ["flag: a numeric reason", () => flagAnnotation(auth.nina!, note.id, { reason: 123 }), 400, "VALIDATION_FAILED"],
    ["flag: an unknown field", () => flagAnnotation(auth.nina!, note.id, { reason: "spam spam", hide: true }), 400, "VALIDATION_FAILED"],
    ["flag: a non-uuid annotation", () => flagAnnotation(auth.nina!, "x", { reason: "spam spam" }), 400, "VALIDATION_FAILED"],
    ["flag: an unknown annotation", () => flagAnnotation(auth.nina!, unknown, { reason: "spam spam" }), 404, "NOT_FOUND"],
    ["flag: no body", () => flagAnnotation(auth.nina!, note.id, undefined), 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["flag: invalid JSON", () => flagAnnotation(auth.nina!, note.id, "reason: spam"), 400, "INVALID_JSON"],
    // POST /api/annotations/{id}/hide and /unhide
    ["hide: a reason of 501 characters", () => hideAnnotation(auth.ivo!, note.id, { reason: "r".repeat(501) }), 400, "VALIDATION_FAILED"],
    ["hide: a numeric reason", () => hideAnnotation(auth.ivo!, note.id, { reason: 5 }), 400, "VALIDATION_FAILED"],
    ["hide: an unknown field", () => hideAnnotation(auth.ivo!, note.id, { reason: "spam", notify: true }), 400, "VALIDATION_FAILED"],
    ["hide: an array", () => hideAnnotation(auth.ivo!, note.id, ["spam"]), 400, "VALIDATION_FAILED"],
    ["hide: invalid JSON", () => hideAnnotation(auth.ivo!, note.id, "{reason}"), 400, "INVALID_JSON"],
    ["hide: text/plain", () => hideAnnotation(auth.ivo!, note.id, "spam", { contentType: "text/plain" }), 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["hide: a non-uuid annotation", () => hideAnnotation(auth.ivo!, "x"), 400, "VALIDATION_FAILED"],
    ["hide: an unknown annotation", () => hideAnnotation(auth.ivo!, unknown), 404, "NOT_FOUND"],
    ["unhide: a reason of 501 characters", () => unhideAnnotation(auth.ivo!, note.id, { reason: "r".repeat(501) }), 400, "VALIDATION_FAILED"],
    ["unhide: an unknown field", () => unhideAnnotation(auth.ivo!, note.id, { why: "x" }), 400, "VALIDATION_FAILED"],
    ["unhide: a non-uuid annotation", () => unhideAnnotation(auth.ivo!, "x"), 400, "VALIDATION_FAILED"],
  ];

  it.each(cases.map(([label, call, status, code]) => ({ label, call, status, code })))(
    "$label → $status $code, and nothing changes",
    async ({ call, status, code }) => {
      const before = await groupStateFingerprint();
      expectApiError(await call(), status, code);
      expect(await groupStateFingerprint()).toEqual(before);
    },
  );

  it("sends a group moderation action with a reason (and without a body) fine afterwards", async () => {
    const hidden = await hideAnnotation(auth.ivo!, note.id, { reason: "off topic" });
    expect(hidden.status, hidden.text).toBe(200);
    const shown = await unhideAnnotation(auth.ivo!, note.id);
    expect(shown.status, shown.text).toBe(200);
    const log = await moderationLogOk(auth.ivo!, group.id);
    expect(log.slice(0, 2).map((entry) => [entry.action, entry.detail])).toEqual([
      ["unhide", null],
      ["hide", "off topic"],
    ]);
  });
});
