"use client";
// @mentions in the comment editor: typing "@" offers the members of the annotation's group
// (filtered as you type; arrows, Enter or Tab to choose, Escape to close). The list shows
// as a labelled listbox under the editor rather than a floating popup, which keeps it
// readable at phone width and simple for screen readers.
import Mention from "@tiptap/extension-mention";
import type { SuggestionKeyDownProps, SuggestionProps } from "@tiptap/suggestion";
import { useMemo, useRef, useState } from "react";
import { requestJson } from "@/lib/api-client/request-json";
import type { GroupMemberDto } from "@/lib/api/groups";

export type MentionCandidate = { id: string; label: string };
type Suggestion = { items: MentionCandidate[]; selected: number; choose: (item: MentionCandidate) => void };

const MAX_SUGGESTIONS = 8;
// One request per group per page view: the member list rarely changes while writing.
const membersByGroup = new Map<string, Promise<MentionCandidate[]>>();

function loadMembers(groupId: string): Promise<MentionCandidate[]> {
  let members = membersByGroup.get(groupId);
  if (!members) {
    members = requestJson<{ items: GroupMemberDto[] }>("GET", `/api/groups/${groupId}/members`)
      .then((response) => response.items.map((member) => ({ id: member.userId, label: member.name })))
      .catch(() => {
        membersByGroup.delete(groupId);
        return [];
      });
    membersByGroup.set(groupId, members);
  }
  return members;
}

/** The Mention extension wired to a group's members, and the listbox state it drives. */
export function useMentionSuggestions(groupId: string | null | undefined) {
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  // Key handling runs inside ProseMirror, outside React's render: it reads the latest list here.
  const current = useRef<Suggestion | null>(null);
  const extension = useMemo(() => {
    const show = (next: Suggestion | null) => {
      current.current = next;
      setSuggestion(next);
    };
    const fromProps = (props: SuggestionProps<MentionCandidate>, selected = 0): Suggestion | null =>
      props.items.length === 0 ? null : { items: props.items, selected, choose: (item) => props.command(item) };
    return Mention.configure({
      HTMLAttributes: { class: "mention" },
      renderText: ({ node }) => `@${String(node.attrs.label ?? "")}`,
      renderHTML: ({ node }) => ["span", { class: "mention", "data-mention-id": String(node.attrs.id) }, `@${String(node.attrs.label ?? "")}`],
      suggestion: {
        char: "@",
        items: async ({ query }) => {
          if (!groupId) return [];
          const needle = query.toLowerCase();
          return (await loadMembers(groupId)).filter((member) => member.label.toLowerCase().includes(needle)).slice(0, MAX_SUGGESTIONS);
        },
        render: () => ({
          onStart: (props) => show(fromProps(props)),
          onUpdate: (props) => show(fromProps(props)),
          onExit: () => show(null),
          onKeyDown: ({ event }: SuggestionKeyDownProps) => {
            const open = current.current;
            if (!open) return false;
            if (event.key === "Escape") {
              show(null);
              return true;
            }
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
              const step = event.key === "ArrowDown" ? 1 : -1;
              show({ ...open, selected: (open.selected + step + open.items.length) % open.items.length });
              return true;
            }
            if (event.key === "Enter" || event.key === "Tab") {
              const item = open.items[open.selected];
              if (item) open.choose(item);
              return true;
            }
            return false;
          },
        }),
      },
    });
  }, [groupId]);
  return { extension, suggestion };
}

export function MentionListbox({ id, suggestion }: { id: string; suggestion: Suggestion | null }) {
  if (!suggestion) return null;
  return (
    <ul id={id} role="listbox" aria-label="Mention a member" className="mention-list">
      {suggestion.items.map((item, index) => (
        <li
          key={item.id}
          id={`${id}-${item.id}`}
          role="option"
          aria-selected={index === suggestion.selected}
          className={index === suggestion.selected ? "selected" : undefined}
          // mousedown, not click: the editor must keep its selection while the pointer is down.
          onMouseDown={(event) => {
            event.preventDefault();
            suggestion.choose(item);
          }}
        >
          @{item.label}
        </li>
      ))}
    </ul>
  );
}
