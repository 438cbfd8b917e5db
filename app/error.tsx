"use client";
// Any unexpected failure while rendering a page: a calm message and a retry, never a stack trace.
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <section className="narrow" role="alert">
      <h1 className="page-title">Something went wrong</h1>
      <p className="lede">We could not show this page. Your notes are safe. Please try again.</p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </section>
  );
}
