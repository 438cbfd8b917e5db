import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AnnotatedReader } from "@/components/annotations/annotated-reader";
import { OfflineReading } from "@/components/offline/offline-reading";
import { DocumentIdOrSlugParam } from "@/lib/api/documents";
import { isAppError } from "@/lib/errors";
import { requireSignedInUser } from "@/server/auth/current-user";
import { getDocument } from "@/server/documents/get-document";
import { listMyGroups } from "@/server/groups/list-my-groups";

type Params = Promise<{ slug: string }>;

async function loadDocument(slug: string) {
  const signedIn = await requireSignedInUser(`/documents/${slug}`);
  if (!DocumentIdOrSlugParam.safeParse(slug).success) notFound();
  try {
    return { signedIn, document: await getDocument({ actor: signedIn.actor, idOrSlug: slug }) };
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { document } = await loadDocument((await params).slug);
  return { title: document.title };
}

export default async function DocumentPage({ params }: { params: Params }) {
  const { signedIn, document } = await loadDocument((await params).slug);
  // The discussion loads in the browser after the text is on screen: a long discussion
  // must never delay reading.
  const groups = await listMyGroups({ actor: signedIn.actor });
  return (
    <>
      <AnnotatedReader
        document={document}
        groups={groups}
        currentUser={{ id: signedIn.user.id, name: signedIn.user.name }}
      />
      <OfflineReading />
    </>
  );
}
