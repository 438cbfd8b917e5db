"use client";
// The reader's live status line: connected or not, writes still waiting to be sent,
// and who else in the active group is reading this document now.
import type { PresenceUser } from "@/lib/api/realtime";
import type { LiveStatus } from "./use-live-stream";

type Props = { status: LiveStatus; readers: PresenceUser[]; pendingCount: number; groupName: string | null };

export function PresenceBar({ status, readers, pendingCount, groupName }: Props) {
  return (
    <div className="presence-bar">
      <p className={`live-status live-${status}`} role="status" aria-live="polite">
        <span className="live-dot" aria-hidden="true" />
        {statusSentence(status, pendingCount)}
      </p>
      {readers.length > 0 ? (
        <div className="presence-readers">
          <ul className="presence-avatars" aria-label={`Reading now${groupName ? ` in ${groupName}` : ""}`}>
            {readers.slice(0, 6).map((reader) => (
              <li key={reader.id} className="avatar" title={reader.name} style={{ backgroundColor: avatarColor(reader.id) }}>
                <span aria-hidden="true">{initials(reader.name)}</span>
                <span className="visually-hidden">{reader.name}</span>
              </li>
            ))}
          </ul>
          {readers.length > 6 ? <span className="presence-more">+{readers.length - 6}</span> : null}
        </div>
      ) : null}
    </div>
  );
}

function statusSentence(status: LiveStatus, pendingCount: number): string {
  const waiting = pendingCount === 1 ? "1 change waiting to be sent" : `${pendingCount} changes waiting to be sent`;
  if (status === "live") return pendingCount > 0 ? `Live · sending ${waiting.replace(" waiting to be sent", "")}…` : "Live";
  if (status === "offline") {
    return pendingCount > 0 ? `Offline · ${waiting}; they are kept and go out when you are back online` : "Offline · new notes are kept until you are back";
  }
  return pendingCount > 0 ? `Reconnecting… · ${waiting}` : "Reconnecting…";
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase() || "?";
}

/** A stable, calm color per person, dark enough for white initials (WCAG AA). */
export function avatarColor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 45% 28%)`;
}
