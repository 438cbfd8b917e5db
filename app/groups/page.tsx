import type { Metadata } from "next";
import Link from "next/link";
import { CreateGroupForm, JoinGroupForm } from "@/components/groups/group-forms";
import { requireSignedInUser } from "@/server/auth/current-user";
import { listMyGroups } from "@/server/groups/list-my-groups";

export const metadata: Metadata = { title: "Groups" };

const ROLE_LABEL = { owner: "Owner", instructor: "Instructor", member: "Member" } as const;

export default async function GroupsPage() {
  const { actor } = await requireSignedInUser("/groups");
  const groups = await listMyGroups({ actor });
  return (
    <section className="wide">
      <h1 className="page-title">Groups</h1>
      <p className="lede">Read with others: members of a group see each other&apos;s shared annotations.</p>
      <ul className="document-list" aria-label="My groups">
        {groups.map((group) => (
          <li key={group.id}>
            <Link href={`/groups/${group.id}`}>
              <span className="doc-title">{group.name}</span>
              <br />
              <span className="doc-meta">
                {ROLE_LABEL[group.role]} · {group.memberCount} {group.memberCount === 1 ? "member" : "members"}
                {group.isPersonal ? " · personal" : ""}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <div className="two-cards">
        <CreateGroupForm />
        <JoinGroupForm />
      </div>
    </section>
  );
}
