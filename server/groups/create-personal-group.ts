// Every account starts with a personal group (its owner alone) and the default tag vocabulary.
import { DEFAULT_TAG_VOCABULARY } from "@/lib/annotations/palette";
import type { Prisma } from "@/server/db/generated/client";

type Tx = Prisma.TransactionClient;

export async function createPersonalGroup(tx: Tx, user: { id: string; name: string }) {
  return createGroupWithVocabulary(tx, {
    name: `${user.name}'s notes`.slice(0, 100),
    isPersonal: true,
    members: [{ userId: user.id, role: "owner" }],
  });
}

export async function createGroupWithVocabulary(
  tx: Tx,
  group: {
    id?: string;
    name: string;
    description?: string;
    isPersonal?: boolean;
    members: Array<{ userId: string; role: "owner" | "instructor" | "member" }>;
  },
) {
  return tx.group.create({
    data: {
      id: group.id,
      name: group.name,
      description: group.description,
      isPersonal: group.isPersonal ?? false,
      memberships: { create: group.members },
      tags: { create: DEFAULT_TAG_VOCABULARY.map((tag) => ({ name: tag.name, color: tag.color })) },
    },
    select: { id: true, name: true },
  });
}
