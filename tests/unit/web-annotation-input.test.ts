// Reading uploaded Web Annotation files: every accepted envelope, Hypothesis's JSON-LD
// shape, and refusals of what is not an annotation file.
import { describe, expect, it } from "vitest";
import { extractAnnotationItems, toSourceAnnotation, WebAnnotationListSchema } from "@/lib/import/web-annotation-input";

// The shape Hypothesis's server writes (h/presenters/annotation_jsonld.py).
const hypothesisAnnotation = {
  "@context": "http://www.w3.org/ns/anno.jsonld",
  type: "Annotation",
  id: "https://hypothes.is/a/AbC123",
  created: "2026-10-01T12:00:00.000000+00:00",
  modified: "2026-10-01T12:00:00.000000+00:00",
  creator: "acct:reader@hypothes.is",
  body: [
    { type: "TextualBody", value: "Worth **remembering**.", format: "text/markdown" },
    { type: "TextualBody", purpose: "tagging", value: "Exam" },
  ],
  target: [
    {
      source: "https://example.org/article",
      selector: [
        { type: "RangeSelector", startContainer: "/main[1]/p[2]", startOffset: 0, endContainer: "/main[1]/p[2]", endOffset: 12 },
        { type: "TextPositionSelector", start: 120, end: 132 },
        { type: "TextQuoteSelector", exact: "basal layer", prefix: "born in the ", suffix: " move upward" },
      ],
    },
  ],
};

function sources(file: unknown) {
  const envelope = extractAnnotationItems(file);
  if (!envelope.ok) throw new Error(envelope.message);
  return WebAnnotationListSchema.parse(envelope.items).map(toSourceAnnotation);
}

describe("reading Web Annotation files", () => {
  it("reads Hypothesis's JSON-LD: quote, position, Markdown body and tags, ignoring other selectors", () => {
    expect(sources(hypothesisAnnotation)).toEqual([
      {
        sourceId: "https://hypothes.is/a/AbC123",
        parentSourceId: null,
        motivation: null,
        quote: { exact: "basal layer", prefix: "born in the ", suffix: " move upward" },
        position: { start: 120, end: 132 },
        body: { value: "Worth **remembering**.", format: "markdown" },
        tags: ["Exam"],
      },
    ]);
  });

  it("accepts an array, a page, and a collection whose pages chain through next", () => {
    const reply = { type: "Annotation", id: "urn:x:2", motivation: "replying", target: "https://hypothes.is/a/AbC123", body: { type: "TextualBody", value: "Agreed" } };
    const collection = {
      type: "AnnotationCollection",
      first: { type: "AnnotationPage", items: [hypothesisAnnotation], next: { type: "AnnotationPage", items: [reply] } },
    };
    expect(sources([hypothesisAnnotation, reply])).toHaveLength(2);
    expect(sources({ type: "AnnotationPage", items: [reply] })[0]).toMatchObject({ parentSourceId: "https://hypothes.is/a/AbC123", body: { value: "Agreed" } });
    expect(sources(collection).map((source) => source.sourceId)).toEqual(["https://hypothes.is/a/AbC123", "urn:x:2"]);
  });

  it("follows thousands of chained pages without recursion", () => {
    let page: Record<string, unknown> = { type: "AnnotationPage", items: [hypothesisAnnotation] };
    for (let index = 0; index < 3000; index++) page = { type: "AnnotationPage", items: [], next: page };
    const envelope = extractAnnotationItems({ type: "AnnotationCollection", first: page });
    expect(envelope).toMatchObject({ ok: true, items: [hypothesisAnnotation] });
  });

  it("refuses files that are not annotations", () => {
    expect(extractAnnotationItems({ type: "Person" }).ok).toBe(false);
    expect(extractAnnotationItems("Annotation").ok).toBe(false);
    expect(extractAnnotationItems({ type: "AnnotationCollection", first: "https://elsewhere.example/page/1" }).ok).toBe(false);
    expect(WebAnnotationListSchema.safeParse([{ type: "Annotation" }]).success).toBe(false);
    expect(WebAnnotationListSchema.safeParse([{ ...hypothesisAnnotation, target: [{ selector: { type: "TextQuoteSelector" } }] }]).success).toBe(false);
    expect(WebAnnotationListSchema.safeParse([]).success).toBe(false);
  });
});
