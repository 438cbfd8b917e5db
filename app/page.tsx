import Link from "next/link";
import { DocumentList } from "@/components/reader/document-list";
import { getSignedInUser } from "@/server/auth/current-user";
import { listDocuments } from "@/server/documents/get-document";

export default async function HomePage() {
  const signedIn = await getSignedInUser();
  if (!signedIn) {
    return (
      <section className="hero">
        <h1>Read together, think in the margins.</h1>
        <p>
          Marginalia lets a study group highlight a text, discuss it in threads and tag what matters, all on one shared
          copy that stays put.
        </p>
        <div className="actions">
          <Link className="button" href="/signup">
            Create an account
          </Link>
          <Link className="button secondary" href="/signin">
            Sign in
          </Link>
        </div>
      </section>
    );
  }
  const documents = await listDocuments({ actor: signedIn.actor });
  return (
    <section className="wide">
      <h1 className="page-title">Documents</h1>
      <p className="lede">Welcome back, {signedIn.user.name}. Pick a text to read.</p>
      <DocumentList documents={documents} />
    </section>
  );
}
