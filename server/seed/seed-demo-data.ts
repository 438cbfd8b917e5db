// The demo: the canonical source text and a few accounts, so a new user sees the
// product at work at once. Idempotent: running it again changes nothing.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { hashPassword } from "@/server/auth/passwords";
import { getDb } from "@/server/db/client";
import { importDocumentFromText } from "@/server/documents/import-document";

export const SEED_DOCUMENT_SLUG = "intestinal-permeability";
export const SEED_DOCUMENT_PATH = path.resolve(import.meta.dirname, "../../content/intestinal-permeability.txt");

export const DEMO_PASSWORD = "reading-together";
export const DEMO_ACCOUNTS = [
  { email: "ana@demo.marginalia.test", name: "Ana Lima" },
  { email: "ben@demo.marginalia.test", name: "Ben Okafor" },
  { email: "chen@demo.marginalia.test", name: "Dr. Mei Chen" },
] as const;

export async function seedDemoData() {
  const source = await readFile(SEED_DOCUMENT_PATH, "utf8");
  const document = await importDocumentFromText({ slug: SEED_DOCUMENT_SLUG, source });

  const db = getDb();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    await db.user.upsert({
      where: { email: account.email },
      create: { ...account, passwordHash },
      update: {},
    });
  }
  return { document, accounts: DEMO_ACCOUNTS.map((account) => ({ ...account, password: DEMO_PASSWORD })) };
}
