// The demo: the canonical source text and a few accounts, so a new user sees the
// product at work at once. Idempotent: running it again changes nothing.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { hashPassword } from "@/server/auth/passwords";
import { getDb } from "@/server/db/client";
import { importDocumentFromText } from "@/server/documents/import-document";
import { createPersonalGroup } from "@/server/groups/create-personal-group";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";
import { seedDemoDiscussion } from "./seed-demo-discussion";

export const SEED_DOCUMENT_SLUG = "intestinal-permeability";
export const SEED_DOCUMENT_PATH = path.resolve(import.meta.dirname, "../../content/intestinal-permeability.txt");

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";

export async function seedDemoData() {
  const source = await readFile(SEED_DOCUMENT_PATH, "utf8");
  const document = await importDocumentFromText({ slug: SEED_DOCUMENT_SLUG, source });

  const db = getDb();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const user = await db.user.upsert({
      where: { email: account.email },
      create: { ...account, passwordHash },
      update: {},
      select: { id: true, name: true, memberships: { where: { group: { isPersonal: true } }, select: { groupId: true } } },
    });
    if (user.memberships.length === 0) await db.$transaction((tx) => createPersonalGroup(tx, user));
    ids.push(user.id);
  }
  const [ana, ben, chen] = ids as [string, string, string];
  const discussion = await seedDemoDiscussion({
    users: { ana, ben, chen },
    documentId: document.documentId,
    revisionId: document.revisionId,
    revisionText: document.imported.text,
  });
  return {
    document,
    discussion,
    accounts: DEMO_ACCOUNTS.map((account) => ({ ...account, password: DEMO_PASSWORD })),
  };
}
