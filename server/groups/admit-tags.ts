// Tags used on a group annotation must be in the group's vocabulary. A tag that is not
// yet there is added when the group lets members add tags (or the author moderates it);
// otherwise the annotation is refused with the vocabulary to choose from.
import { HIGHLIGHT_COLORS } from "@/lib/annotations/palette";
import { AppError } from "@/lib/errors";
import type { GroupRole } from "@/lib/permissions/permission-table";
import { canInGroup } from "@/lib/permissions/permission-table";
import { getDb } from "@/server/db/client";

/** Admits the tags and returns the group's tag → color map. */
export async function admitTags(groupId: string, role: GroupRole, tags: readonly string[]): Promise<Map<string, string>> {
  const db = getDb();
  const group = await db.group.findUniqueOrThrow({
    where: { id: groupId },
    select: { allowMemberTags: true, tags: { select: { name: true, color: true, retiredAt: true } } },
  });
  const active = new Map(group.tags.filter((tag) => !tag.retiredAt).map((tag) => [tag.name, tag.color]));
  const unknown = tags.filter((tag) => !active.has(tag));
  if (unknown.length === 0) return active;
  if (!group.allowMemberTags && !canInGroup("group:edit-vocabulary", role)) {
    throw new AppError(
      "UNPROCESSABLE",
      `This group uses a fixed set of tags: ${[...active.keys()].join(", ")}. "${unknown[0]}" is not one of them.`,
    );
  }
  let next = group.tags.length;
  for (const name of unknown) {
    const color = HIGHLIGHT_COLORS[next++ % HIGHLIGHT_COLORS.length]!;
    const tag = await db.groupTag.upsert({
      where: { groupId_name: { groupId, name } },
      create: { groupId, name, color },
      update: { retiredAt: null },
      select: { name: true, color: true },
    });
    active.set(tag.name, tag.color);
  }
  return active;
}
