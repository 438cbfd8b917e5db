// Full-text search across every group I can read: a plain GET form (works without
// JavaScript, and the address can be shared or bookmarked) and the ranked results.
import type { Metadata } from "next";
import Link from "next/link";
import { SearchResults } from "@/components/search/search-results";
import { SearchQuery, type SearchResponseDto } from "@/lib/api/search";
import { isAppError } from "@/lib/errors";
import { requireSignedInUser } from "@/server/auth/current-user";
import { listMembers } from "@/server/groups/members";
import { listMyGroups } from "@/server/groups/list-my-groups";
import { parseInput } from "@/server/http/api-route";
import { searchAnnotations } from "@/server/search/search-annotations";

export const metadata: Metadata = { title: "Search" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  const { actor } = await requireSignedInUser("/search");
  const raw = Object.fromEntries(
    Object.entries(await searchParams).flatMap(([key, value]) => (typeof value === "string" && value !== "" ? [[key, value]] : [])),
  );
  const groups = await listMyGroups({ actor });
  const shared = groups.filter((group) => !group.isPersonal);
  const members = new Map<string, string>();
  for (const group of shared) for (const member of await listMembers({ actor, groupId: group.id })) members.set(member.userId, member.name);
  const tags = [...new Set(groups.flatMap((group) => group.tags.map((tag) => tag.name)))].sort();

  let result: SearchResponseDto | null = null;
  let error: string | null = null;
  if (raw.q !== undefined) {
    try {
      result = await searchAnnotations({ actor, input: parseInput(SearchQuery, raw) });
    } catch (cause) {
      if (!isAppError(cause)) throw cause;
      error = cause.message;
    }
  }
  const nextHref = result?.nextCursor ? `/search?${new URLSearchParams({ ...raw, cursor: result.nextCursor }).toString()}` : null;

  return (
    <section className="wide">
      <h1 className="page-title">Search</h1>
      <p className="lede">Search comments, quoted passages and tags in every group you belong to.</p>
      <form method="get" action="/search" role="search" aria-label="Annotations" className="card search-form">
        <div className="field">
          <label htmlFor="search-q">Words to find</label>
          <input id="search-q" name="q" type="search" required maxLength={200} defaultValue={raw.q ?? ""} />
        </div>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="search-group">Group</label>
            <select id="search-group" name="groupId" defaultValue={raw.groupId ?? ""}>
              <option value="">All my groups</option>
              <option value="private">Only me (private)</option>
              {shared.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-tag">Tag</label>
            <select id="search-tag" name="tag" defaultValue={raw.tag ?? ""}>
              <option value="">Any tag</option>
              {tags.map((tag) => (
                <option key={tag} value={tag}>
                  {tag}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-author">Author</label>
            <select id="search-author" name="author" defaultValue={raw.author ?? ""}>
              <option value="">Anyone</option>
              {[...members].sort((a, b) => a[1].localeCompare(b[1])).map(([userId, name]) => (
                <option key={userId} value={userId}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-kind">Kind</label>
            <select id="search-kind" name="kind" defaultValue={raw.kind ?? ""}>
              <option value="">Any kind</option>
              <option value="comment">Comments</option>
              <option value="note">Tagged notes</option>
              <option value="highlight">Highlights</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-resolved">State</label>
            <select id="search-resolved" name="resolved" defaultValue={raw.resolved ?? ""}>
              <option value="">Open or resolved</option>
              <option value="false">Open</option>
              <option value="true">Resolved</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-from">From (day)</label>
            <input id="search-from" name="from" type="date" defaultValue={raw.from ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="search-to">To (day)</label>
            <input id="search-to" name="to" type="date" defaultValue={raw.to ?? ""} />
          </div>
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      <div aria-live="polite" className="search-outcome">
        {error ? (
          <p className="alert error" role="alert">
            {error}
          </p>
        ) : null}
        {result && result.items.length === 0 ? <p className="empty">Nothing matches that search. Try fewer words or fewer filters.</p> : null}
        {result && result.items.length > 0 ? (
          <>
            <h2 className="visually-hidden">Results</h2>
            <SearchResults items={result.items} />
          </>
        ) : null}
        {nextHref ? (
          <p>
            <Link href={nextHref}>More results</Link>
          </p>
        ) : null}
      </div>
    </section>
  );
}
