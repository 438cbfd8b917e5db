// W3C Web Annotation export: one AnnotationCollection whose AnnotationPages are embedded,
// each page's `next` being the following page, so the whole export is one file that
// still reads as the paged model. Replies are annotations that target their parent's IRI.
import { tiptapToMarkdown } from "./tiptap-to-markdown";
import {
  annotationIri,
  revisionUrl,
  walkThread,
  type ExportContext,
  type ExportedAnnotation,
  type ExportWriter,
} from "./export-model";

export const WEB_ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
export const JSONLD_PAGE_SIZE = 1000;

export type WebAnnotationBody = {
  type: "TextualBody";
  purpose: "commenting" | "tagging";
  value: string;
  format?: "text/markdown";
};

export type WebAnnotation = {
  "@context": typeof WEB_ANNOTATION_CONTEXT;
  id: string;
  type: "Annotation";
  motivation: "highlighting" | "commenting" | "tagging" | "replying";
  created: string;
  modified: string;
  creator: { id: string; type: "Person"; name: string };
  body?: WebAnnotationBody[];
  target:
    | string
    | {
        source: string;
        /** Absent for a note on the whole document. */
        selector?: [
          { type: "TextQuoteSelector"; exact: string; prefix: string; suffix: string },
          { type: "TextPositionSelector"; start: number; end: number },
        ];
      };
};

export function toWebAnnotation(context: ExportContext, annotation: ExportedAnnotation): WebAnnotation {
  const bodies: WebAnnotationBody[] = [];
  if (annotation.body && !annotation.deleted) {
    bodies.push({ type: "TextualBody", purpose: "commenting", value: tiptapToMarkdown(annotation.body.doc), format: "text/markdown" });
  }
  for (const tag of annotation.tags) bodies.push({ type: "TextualBody", purpose: "tagging", value: tag });
  return {
    "@context": WEB_ANNOTATION_CONTEXT,
    id: annotationIri(context, annotation.id),
    type: "Annotation",
    motivation: motivationOf(annotation),
    created: annotation.createdAt,
    modified: annotation.updatedAt,
    creator: { id: `urn:uuid:${annotation.author.id}`, type: "Person", name: annotation.author.name },
    ...(bodies.length > 0 ? { body: bodies } : {}),
    target: targetOf(context, annotation),
  };
}

function targetOf(context: ExportContext, annotation: ExportedAnnotation): WebAnnotation["target"] {
  if (annotation.parentId) return annotationIri(context, annotation.parentId);
  const source = revisionUrl(context, annotation.revisionNumber);
  if (!annotation.target) return { source };
  const { exact, prefix, suffix, start, end } = annotation.target;
  return {
    source,
    selector: [
      { type: "TextQuoteSelector", exact, prefix, suffix },
      { type: "TextPositionSelector", start, end },
    ],
  };
}

function motivationOf(annotation: ExportedAnnotation): WebAnnotation["motivation"] {
  if (annotation.parentId) return "replying";
  if (annotation.kind === "highlight") return "highlighting";
  // A tagged note is tagging even when it has a comment too, so an import can tell it from a comment.
  if (annotation.kind === "note") return "tagging";
  return "commenting";
}

export function createJsonLdWriter(context: ExportContext, collectionId: string): ExportWriter {
  let written = 0;
  let pagesOpen = 0;
  const openPage = () => {
    const page = pagesOpen;
    pagesOpen += 1;
    return `{"id":${JSON.stringify(`${collectionId}#page-${page}`)},"type":"AnnotationPage","partOf":${JSON.stringify(collectionId)},"startIndex":${written},"items":[`;
  };
  return {
    begin: () => {
      const head = {
        "@context": WEB_ANNOTATION_CONTEXT,
        id: collectionId,
        type: "AnnotationCollection",
        label: `Annotations on ${context.document.title} (revision ${context.document.revision.number})`,
        total: context.total,
        generated: context.exportedAt,
      };
      return `${JSON.stringify(head).slice(0, -1)},"first":${openPage()}`;
    },
    threads: (batch) => {
      let output = "";
      for (const root of batch) {
        for (const { annotation } of walkThread(root)) {
          if (annotation.deleted) continue;
          if (written > 0 && written % JSONLD_PAGE_SIZE === 0) output += `],"next":${openPage()}`;
          output += (written % JSONLD_PAGE_SIZE === 0 ? "" : ",") + JSON.stringify(toWebAnnotation(context, annotation));
          written += 1;
        }
      }
      return output;
    },
    // The last page's items and the page itself, then each enclosing page, then the collection.
    end: () => `]}${"}".repeat(pagesOpen - 1)}}`,
  };
}
