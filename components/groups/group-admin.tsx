"use client";
// A group's page: members and roles, invitations, settings, the tag vocabulary and the
// moderation log, each shown only to those who may use it (the server checks again).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAsyncAction } from "@/components/use-async-action";
import { groupsClient } from "@/lib/api-client/groups-client";
import type { GroupDetailDto, GroupInviteDto, GroupMemberDto } from "@/lib/api/groups";
import { HIGHLIGHT_COLORS, HIGHLIGHT_COLOR_LABELS, type HighlightColor } from "@/lib/annotations/palette";
import { canInGroup, type GroupRole } from "@/lib/permissions/permission-table";

type LogEntry = { id: string; action: string; detail: string | null; createdAt: string; actorName: string; targetName: string | null };
type Props = {
  group: GroupDetailDto;
  members: GroupMemberDto[];
  vocabulary: Array<{ name: string; color: HighlightColor; retired: boolean }>;
  invites: GroupInviteDto[] | null;
  log: LogEntry[] | undefined;
  currentUserId: string;
};

const ROLE_LABEL: Record<GroupRole, string> = { owner: "Owner", instructor: "Instructor", member: "Member" };
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/** An API call followed by a refresh of the server-rendered page. */
function useAction() {
  const router = useRouter();
  const { run: runAction, error, busy } = useAsyncAction();
  const run = async (action: () => Promise<unknown>, after?: () => void) => {
    if (await runAction(action)) {
      after?.();
      router.refresh();
    }
  };
  return { run, error, busy };
}

function ErrorLine({ error }: { error: string | null }) {
  return error ? (
    <p className="alert error" role="alert">
      {error}
    </p>
  ) : null;
}

export function GroupAdmin({ group, members, vocabulary, invites, log, currentUserId }: Props) {
  const canManage = canInGroup("group:manage", group.role);
  const canModerate = canInGroup("group:moderate", group.role);
  return (
    <section className="wide group-page">
      <h1 className="page-title">{group.name}</h1>
      {group.description ? <p className="lede">{group.description}</p> : null}
      <p className="doc-meta">
        You are {ROLE_LABEL[group.role].toLowerCase()} · {group.memberCount} {group.memberCount === 1 ? "member" : "members"}
        {group.postFirst ? " · post first, then see peers" : ""}
      </p>
      <Members group={group} members={members} currentUserId={currentUserId} canManage={canManage} canModerate={canModerate} />
      {canManage && invites ? <Invites groupId={group.id} invites={invites} /> : null}
      {canManage ? <Settings group={group} /> : null}
      <Vocabulary groupId={group.id} vocabulary={vocabulary} editable={canInGroup("group:edit-vocabulary", group.role)} allowMemberTags={group.allowMemberTags} />
      {canModerate && log ? <ModerationLog entries={log} /> : null}
    </section>
  );
}

function Members(props: { group: GroupDetailDto; members: GroupMemberDto[]; currentUserId: string; canManage: boolean; canModerate: boolean }) {
  const { run, error, busy } = useAction();
  const router = useRouter();
  return (
    <section aria-labelledby="members-title" className="group-section">
      <h2 id="members-title">Members</h2>
      <ErrorLine error={error} />
      <ul className="member-list" aria-label="Members">
        {props.members.map((member) => {
          const isMe = member.userId === props.currentUserId;
          const removable = !isMe && props.canModerate && (member.role === "member" || props.canManage);
          return (
            <li key={member.userId}>
              <span>
                <strong>{member.name}</strong>
                {isMe ? " (you)" : ""}
              </span>
              {props.canManage && !isMe ? (
                <label>
                  <span className="visually-hidden">Role of {member.name}</span>
                  <select
                    value={member.role}
                    disabled={busy}
                    onChange={(event) => void run(() => groupsClient.changeRole(props.group.id, member.userId, event.target.value as GroupRole))}
                  >
                    {(["owner", "instructor", "member"] as const).map((role) => (
                      <option key={role} value={role}>
                        {ROLE_LABEL[role]}
                      </option>
                    ))}
                  </select>
                </label>
              ) : (
                <span className="role-badge">{ROLE_LABEL[member.role]}</span>
              )}
              {removable ? (
                <button type="button" className="button link danger" disabled={busy} onClick={() => void run(() => groupsClient.removeMember(props.group.id, member.userId))}>
                  Remove {member.name}
                </button>
              ) : null}
              {isMe && !props.group.isPersonal ? (
                <button
                  type="button"
                  className="button link danger"
                  disabled={busy}
                  onClick={() => void run(() => groupsClient.removeMember(props.group.id, member.userId), () => router.push("/groups"))}
                >
                  Leave group
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Invites({ groupId, invites }: { groupId: string; invites: GroupInviteDto[] }) {
  const { run, error, busy } = useAction();
  const [role, setRole] = useState<"member" | "instructor">("member");
  const [expiresInHours, setExpiresInHours] = useState("");
  const [maxUses, setMaxUses] = useState("");
  const live = invites.filter((invite) => !invite.revoked);
  return (
    <section aria-labelledby="invites-title" className="group-section">
      <h2 id="invites-title">Invitations</h2>
      <p className="field-hint">Share a code (members type it on the Groups page) or its link.</p>
      <ErrorLine error={error} />
      {live.length === 0 ? <p className="empty">No active invitations.</p> : null}
      <ul className="token-list" aria-label="Invitations">
        {live.map((invite) => (
          <li key={invite.id}>
            <span>
              <code className="token-secret">{invite.code}</code> · {ROLE_LABEL[invite.role]} · used {invite.uses}
              {invite.maxUses ? ` of ${invite.maxUses}` : ""} times
              {invite.expiresAt ? ` · expires ${dateFormat.format(new Date(invite.expiresAt))}` : ""}
              <br />
              <small>
                Link: <a href={`/join/${invite.code}`}>/join/{invite.code}</a>
              </small>
            </span>
            <button type="button" className="button secondary small" disabled={busy} onClick={() => void run(() => groupsClient.revokeInvite(groupId, invite.id))}>
              Revoke {invite.code}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run(() =>
            groupsClient.createInvite(groupId, {
              role,
              expiresInHours: expiresInHours ? Number(expiresInHours) : undefined,
              maxUses: maxUses ? Number(maxUses) : undefined,
            }),
          );
        }}
      >
        <div className="field">
          <label htmlFor="invite-role">Joins as</label>
          <select id="invite-role" value={role} onChange={(event) => setRole(event.target.value as "member" | "instructor")}>
            <option value="member">Member</option>
            <option value="instructor">Instructor</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="invite-expiry">Expires after (hours)</label>
          <input id="invite-expiry" type="number" min={1} max={8760} value={expiresInHours} onChange={(event) => setExpiresInHours(event.target.value)} placeholder="never" />
        </div>
        <div className="field">
          <label htmlFor="invite-uses">Maximum uses</label>
          <input id="invite-uses" type="number" min={1} max={10000} value={maxUses} onChange={(event) => setMaxUses(event.target.value)} placeholder="unlimited" />
        </div>
        <button type="submit" className="button" disabled={busy}>
          Create invitation
        </button>
      </form>
    </section>
  );
}

function Settings({ group }: { group: GroupDetailDto }) {
  const { run, error, busy } = useAction();
  return (
    <section aria-labelledby="settings-title" className="group-section">
      <h2 id="settings-title">Settings</h2>
      <ErrorLine error={error} />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={group.postFirst}
          disabled={busy}
          onChange={(event) => void run(() => groupsClient.update(group.id, { postFirst: event.target.checked }))}
        />
        Post first, then see peers: members see others&apos; annotations on a text only after posting their own
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={group.allowMemberTags}
          disabled={busy}
          onChange={(event) => void run(() => groupsClient.update(group.id, { allowMemberTags: event.target.checked }))}
        />
        Members may add new tags
      </label>
    </section>
  );
}

function Vocabulary(props: { groupId: string; vocabulary: Props["vocabulary"]; editable: boolean; allowMemberTags: boolean }) {
  const { run, error, busy } = useAction();
  const [newTag, setNewTag] = useState("");
  const [renaming, setRenaming] = useState<{ from: string; to: string } | null>(null);
  const [newColor, setNewColor] = useState<HighlightColor>("yellow");
  const all = props.vocabulary;
  const save = (tags: Props["vocabulary"], extra: Array<{ previousName?: string; name: string; color: HighlightColor; retired: boolean }> = []) =>
    run(() => groupsClient.putTags(props.groupId, { tags: [...tags.map((tag) => ({ name: tag.name, color: tag.color, retired: tag.retired })), ...extra] }));
  return (
    <section aria-labelledby="tags-title" className="group-section">
      <h2 id="tags-title">Tags</h2>
      <p className="field-hint">{props.allowMemberTags ? "Members may add new tags while annotating." : "Members choose from these tags only."}</p>
      <ErrorLine error={error} />
      <ul className="member-list" aria-label="Tag vocabulary">
        {all.map((tag) => (
          <li key={tag.name}>
            <span>
              <span className={`tag-chip tag-${tag.color}`}>{tag.name}</span>
              {tag.retired ? <span className="role-badge">retired</span> : null}
            </span>
            {props.editable ? (
              <>
                <label>
                  <span className="visually-hidden">Color of {tag.name}</span>
                  <select
                    value={tag.color}
                    disabled={busy}
                    onChange={(event) => void save(all.map((entry) => (entry.name === tag.name ? { ...entry, color: event.target.value as HighlightColor } : entry)))}
                  >
                    {HIGHLIGHT_COLORS.map((color) => (
                      <option key={color} value={color}>
                        {HIGHLIGHT_COLOR_LABELS[color]}
                      </option>
                    ))}
                  </select>
                </label>
                <button
                  type="button"
                  className="button link"
                  disabled={busy}
                  onClick={() => void save(all.map((entry) => (entry.name === tag.name ? { ...entry, retired: !entry.retired } : entry)))}
                >
                  {tag.retired ? `Restore ${tag.name}` : `Retire ${tag.name}`}
                </button>
                {renaming?.from === tag.name ? (
                  <form
                    className="rename-form"
                    onSubmit={(event) => {
                      event.preventDefault();
                      const to = renaming.to.trim().toLowerCase();
                      void save(
                        all.filter((entry) => entry.name !== tag.name),
                        [{ previousName: tag.name, name: to, color: tag.color, retired: tag.retired }],
                      ).then(() => setRenaming(null));
                    }}
                  >
                    <label htmlFor={`rename-${tag.name}`} className="visually-hidden">
                      New name for {tag.name}
                    </label>
                    <input
                      id={`rename-${tag.name}`}
                      value={renaming.to}
                      maxLength={40}
                      autoFocus
                      onChange={(event) => setRenaming({ from: tag.name, to: event.target.value })}
                    />
                    <button type="submit" className="button small" disabled={busy}>
                      Save name
                    </button>
                    <button type="button" className="button secondary small" onClick={() => setRenaming(null)}>
                      Cancel
                    </button>
                  </form>
                ) : (
                  <button type="button" className="button link" onClick={() => setRenaming({ from: tag.name, to: tag.name })}>
                    Rename {tag.name}
                  </button>
                )}
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {props.editable ? (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void save(all, [{ name: newTag.trim().toLowerCase(), color: newColor, retired: false }]).then(() => setNewTag(""));
          }}
        >
          <div className="field">
            <label htmlFor="new-vocabulary-tag">New tag</label>
            <input id="new-vocabulary-tag" value={newTag} maxLength={40} onChange={(event) => setNewTag(event.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor="new-vocabulary-color">Color</label>
            <select id="new-vocabulary-color" value={newColor} onChange={(event) => setNewColor(event.target.value as HighlightColor)}>
              {HIGHLIGHT_COLORS.map((color) => (
                <option key={color} value={color}>
                  {HIGHLIGHT_COLOR_LABELS[color]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button" disabled={busy}>
            Add tag
          </button>
        </form>
      ) : null}
    </section>
  );
}

const ACTION_LABEL: Record<string, string> = {
  flag: "flagged an annotation",
  hide: "hid an annotation",
  unhide: "unhid an annotation",
  change_role: "changed a role",
  remove_member: "removed",
  leave: "left the group",
};

function ModerationLog({ entries }: { entries: LogEntry[] }) {
  return (
    <section aria-labelledby="log-title" className="group-section">
      <h2 id="log-title">Moderation log</h2>
      {entries.length === 0 ? <p className="empty">Nothing yet.</p> : null}
      <ul className="member-list" aria-label="Moderation log">
        {entries.map((entry) => (
          <li key={entry.id}>
            <span>
              <strong>{entry.actorName}</strong> {ACTION_LABEL[entry.action] ?? entry.action}
              {entry.targetName && entry.action !== "leave" ? ` ${entry.targetName}` : ""}
              {entry.detail ? ` — “${entry.detail}”` : ""}
            </span>
            <time dateTime={entry.createdAt} suppressHydrationWarning>
              {dateFormat.format(new Date(entry.createdAt))}
            </time>
          </li>
        ))}
      </ul>
    </section>
  );
}
