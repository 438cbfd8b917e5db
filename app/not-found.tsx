import Link from "next/link";

export default function NotFound() {
  return (
    <section className="narrow">
      <h1 className="page-title">Page not found</h1>
      <p className="lede">There is nothing at this address. It may have moved, or the link may be mistyped.</p>
      <Link className="button" href="/">
        Back to documents
      </Link>
    </section>
  );
}
