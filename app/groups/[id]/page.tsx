import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { GroupAdmin } from "@/components/groups/group-admin";
import { UuidSchema } from "@/lib/api/common";
import { isAppError } from "@/lib/errors";
import { canInGroup } from "@/lib/permissions/permission-table";
import { listModerationLog } from "@/server/annotations/moderate-annotation";
import type { Actor } from "@/server/auth/actor";
import { requireSignedInUser } from "@/server/auth/current-user";
import { getGroup } from "@/server/groups/get-group";
import { listInvites } from "@/server/groups/invites";
import { listMembers } from "@/server/groups/members";
import { getTagVocabulary } from "@/server/groups/tag-vocabulary";

export const metadata: Metadata = { title: "Group" };

async function loadGroupPage(groupId: string, actor: Actor) {
  try {
    const group = await getGroup({ actor, groupId });
    const [members, vocabulary, invites, log] = await Promise.all([
      listMembers({ actor, groupId }),
      getTagVocabulary({ actor, groupId }),
      canInGroup("group:manage", group.role) ? listInvites({ actor, groupId }) : Promise.resolve(null),
      canInGroup("group:moderate", group.role) ? listModerationLog({ actor, groupId }) : Promise.resolve(null),
    ]);
    return { group, members, vocabulary, invites, log };
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export default async function GroupPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor, user } = await requireSignedInUser(`/groups/${id}`);
  if (!UuidSchema.safeParse(id).success) notFound();
  const { group, members, vocabulary, invites, log } = await loadGroupPage(id, actor);
  const names = new Map(members.map((member) => [member.userId, member.name]));
  const reviewLinks = canInGroup("group:review", group.role) ? (
    <nav className="wide review-links" aria-label="Review">
      <Link href={`/groups/${id}/review`}>Review the discussion</Link>
    </nav>
  ) : !group.isPersonal ? (
    <nav className="wide review-links" aria-label="My activity">
      <Link href={`/groups/${id}/members/${user.id}`}>My activity in this group</Link>
    </nav>
  ) : null;
  return (
    <>
      {reviewLinks}
      <GroupAdmin
      group={group}
      members={members}
      vocabulary={vocabulary.tags}
      invites={invites}
      log={log?.map((entry) => ({
        ...entry,
        actorName: names.get(entry.actorId) ?? "A former member",
        targetName: entry.targetUserId ? (names.get(entry.targetUserId) ?? "a former member") : null,
      }))}
      currentUserId={user.id}
      />
    </>
  );
}
