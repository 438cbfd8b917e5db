// The search page's results: each hit with its document, group, author and a snippet
// whose matched words are marked. Snippets arrive as plain text pieces and are rendered
// as text, so nothing in an annotation can become markup here.
import Link from "next/link";
import type { SearchResultDto, SnippetPartDto } from "@/lib/api/search";

function Snippet({ parts, className }: { parts: SnippetPartDto[]; className: string }) {
  if (parts.length === 0) return null;
  return (
    <p className={className}>
      {parts.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </p>
  );
}

const KIND_LABEL = { highlight: "Highlight", comment: "Comment", note: "Note" } as const;

export function SearchResults({ items }: { items: SearchResultDto[] }) {
  return (
    <ol className="search-results" aria-label="Search results">
      {items.map((item) => (
        <li key={item.id} className="card search-result">
          <p className="entry-meta">
            <span className="kind-badge">{item.isReply ? "Reply" : KIND_LABEL[item.kind]}</span>
            <span>{item.group ? item.group.name : "Only me"}</span>
            {item.resolved ? <span>Resolved</span> : null}
            <time dateTime={item.createdAt}>{new Date(item.createdAt).toISOString().slice(0, 10)}</time>
          </p>
          <h2 className="search-result-title">
            <Link href={item.href}>{item.document.title}</Link>
            <span className="author"> · {item.author.name}</span>
          </h2>
          <Snippet parts={item.quote} className="quote" />
          <Snippet parts={item.body} className="entry-body" />
          {item.tags.length > 0 ? (
            <ul className="entry-tags" aria-label="Tags">
              {item.tags.map((tag) => (
                <li key={tag} className="tag-chip">
                  {tag}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
