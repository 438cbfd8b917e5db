// A personal group is its owner's alone: it cannot be shared by invitation, and an
// invite made for it (e.g. by a direct database write) does not let anyone in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { personalGroupId } from "./support/annotations";
import { createInvite, joinGroup } from "./support/groups";
import { createUserWithToken, type TestUserWithToken } from "./support/users";

let owner: TestUserWithToken;
let outsider: TestUserWithToken;

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  owner = await createUserWithToken({ name: "Private Pia" });
  outsider = await createUserWithToken({ name: "Curious Carl" });
});
afterAll(closeDatabase);

describe("personal groups", () => {
  it("refuses to create an invitation for a personal group", async () => {
    const groupId = await personalGroupId(owner.id);
    const response = await createInvite({ token: owner.token }, groupId, {});
    expect(response.status).toBe(422);
    expect(await getDb().groupInvite.count({ where: { groupId } })).toBe(0);
  });

  it("lets nobody join through an invite that points at a personal group", async () => {
    const groupId = await personalGroupId(owner.id);
    await getDb().groupInvite.create({ data: { groupId, code: "PERSNAL2", createdById: owner.id } });
    const response = await joinGroup({ token: outsider.token }, { inviteCode: "PERSNAL2" });
    expect(response.status).toBe(404);
    expect(await getDb().groupMembership.count({ where: { groupId } })).toBe(1);
    expect(await getDb().securityEvent.count({ where: { actorId: outsider.id, kind: "invalid_invite" } })).toBe(1);
  });
});
