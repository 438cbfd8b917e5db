// Console summary of what the seed created, so a new user knows how to sign in.
import type { seedDemoData } from "@/server/seed/seed-demo-data";

export function printDemoSummary(seeded: Awaited<ReturnType<typeof seedDemoData>>) {
  const { imported } = seeded.document;
  console.log(
    `Document "${imported.title}": revision ${seeded.document.revisionNumber}, ${imported.blocks.length} blocks` +
      (imported.dropped.length > 0 ? `, ${imported.dropped.length} boilerplate block(s) dropped` : ""),
  );
  console.log(
    `Demo group with ${seeded.discussion.annotations} annotation threads (highlights, comments, tagged notes, replies); ` +
      `new accounts join it with the invite code ${seeded.discussion.inviteCode}.`,
  );
  console.log("Demo accounts (any of them can sign in):");
  for (const account of seeded.accounts) console.log(`  ${account.name.padEnd(14)} ${account.email}  password: ${account.password}`);
}
