"use client";
// Participation per member as a sortable table (click or press a column heading), with a
// small bar chart of each member's threads per tag and a link to their whole activity.
import Link from "next/link";
import { useMemo, useState } from "react";
import { Bar, BarChart, Cell } from "recharts";
import type { ParticipationRowDto } from "@/lib/api/review";

type SortKey = "name" | "annotations" | "replies" | "words" | "lastActivity";
type Sort = { key: SortKey; descending: boolean };

const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: "name", label: "Member" },
  { key: "annotations", label: "Threads" },
  { key: "replies", label: "Replies" },
  { key: "words", label: "Words" },
  { key: "lastActivity", label: "Last active" },
];

const TAG_COLORS = ["#8a4b0f", "#1a5fb4", "#26a269", "#a347ba", "#c64600", "#63452c"];
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

function compare(a: ParticipationRowDto, b: ParticipationRowDto, key: SortKey): number {
  switch (key) {
    case "name":
      return a.member.name.localeCompare(b.member.name);
    case "lastActivity":
      return (a.lastActivity ?? "").localeCompare(b.lastActivity ?? "");
    default:
      return a[key] - b[key];
  }
}

function TagChart({ row }: { row: ParticipationRowDto }) {
  const data = Object.entries(row.notesByTag).map(([tag, count]) => ({ tag, count }));
  if (data.length === 0) return <span className="empty">no tags</span>;
  const description = data.map((entry) => `${entry.tag} ${entry.count}`).join(", ");
  return (
    <span className="tag-chart" role="img" aria-label={`Threads by tag: ${description}`} title={description}>
      <BarChart width={Math.min(140, 24 * data.length + 8)} height={32} data={data} margin={{ top: 2, right: 2, bottom: 2, left: 2 }} accessibilityLayer={false}>
        <Bar dataKey="count" isAnimationActive={false} minPointSize={2}>
          {data.map((entry, index) => (
            <Cell key={entry.tag} fill={TAG_COLORS[index % TAG_COLORS.length]} />
          ))}
        </Bar>
      </BarChart>
    </span>
  );
}

export function ParticipationTable({ rows, groupId, documentId }: { rows: ParticipationRowDto[]; groupId: string; documentId: string | null }) {
  const [sort, setSort] = useState<Sort>({ key: "annotations", descending: true });
  const sorted = useMemo(() => {
    const copy = [...rows];
    copy.sort((a, b) => (sort.descending ? -1 : 1) * compare(a, b, sort.key) || a.member.name.localeCompare(b.member.name));
    return copy;
  }, [rows, sort]);
  const activityHref = (userId: string) => `/groups/${groupId}/members/${userId}${documentId ? `?documentId=${documentId}` : ""}`;

  return (
    <div className="table-scroll">
      <table className="data-table participation">
        <caption className="visually-hidden">Participation per member; column headings sort the table</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const active = sort.key === column.key;
              return (
                <th key={column.key} scope="col" aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}>
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => setSort({ key: column.key, descending: active ? !sort.descending : column.key !== "name" })}
                  >
                    {column.label}
                    <span aria-hidden="true">{active ? (sort.descending ? " ▼" : " ▲") : ""}</span>
                  </button>
                </th>
              );
            })}
            <th scope="col">Threads by tag</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.member.id}>
              <th scope="row">
                <Link href={activityHref(row.member.id)}>{row.member.name}</Link>
                {row.member.role !== "member" ? <span className="role-badge">{row.member.role}</span> : null}
              </th>
              <td>{row.annotations}</td>
              <td>{row.replies}</td>
              <td>{row.words}</td>
              <td>{row.lastActivity ? <time dateTime={row.lastActivity}>{dateFormat.format(new Date(row.lastActivity))}</time> : "—"}</td>
              <td>
                <TagChart row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
