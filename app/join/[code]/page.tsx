import type { Metadata } from "next";
import { JoinGroupForm } from "@/components/groups/group-forms";
import { requireSignedInUser } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Join a group" };

export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  await requireSignedInUser(`/join/${encodeURIComponent(code)}`);
  return (
    <section className="narrow">
      <h1 className="page-title">Join a group</h1>
      <p className="lede">You were invited to a reading group. Join to see and write shared annotations.</p>
      <JoinGroupForm initialCode={code.slice(0, 8).toUpperCase()} />
    </section>
  );
}
