// The demo discussion on the seed document: highlights in several colors (two of
// them overlapping), rich comments, tagged notes, a page note, nested replies,
// reactions, a resolved thread and a private note, so a new user sees every
// capability at once. Fixed ids keep the seed idempotent.
import { describeTextRange } from "@/lib/anchoring/describe-range";
import type { AnnotationBodyInput } from "@/lib/rich-text/tiptap-schema";
import type { HighlightColor } from "@/lib/annotations/palette";

export const DEMO_GROUP_ID = "6d1f1f5e-3c1a-4c7e-9a51-000000000001";
export const DEMO_GROUP_NAME = "Physiology 101 reading group";
/** Anyone can join the demo group with this code (Groups page, or /join/READ2GUT). */
export const DEMO_INVITE_CODE = "READ2GUT";

type DemoAuthor = "ana" | "ben" | "chen";

/** A member flags it for the moderators (it stays visible: the review page lists it). */
type DemoFlag = { by: DemoAuthor; reason: string };

type DemoReply = {
  id: string;
  author: DemoAuthor;
  text: string;
  /** A rich body (e.g. with an @mention) instead of the plain text. */
  body?: AnnotationBodyInput;
  flaggedBy?: DemoFlag;
  replies?: Array<{ id: string; author: DemoAuthor; text: string }>;
};

export type DemoAnnotation = {
  id: string;
  author: DemoAuthor;
  kind: "highlight" | "comment" | "note";
  /** The passage, found in the text by search (first occurrence). Absent for a page note. */
  quote?: string;
  body?: AnnotationBodyInput;
  tags?: string[];
  color?: HighlightColor;
  private?: boolean;
  resolved?: boolean;
  reactions?: Array<{ by: DemoAuthor; type: "helpful" | "same_question" }>;
  replies?: DemoReply[];
  /** Private feedback from an instructor (fixed id, so seeding again adds nothing). */
  feedback?: { id: string; by: DemoAuthor; text: string };
};

const id = (n: number) => `6d1f1f5e-3c1a-4c7e-9a51-${String(n).padStart(12, "0")}`;

/**
 * Demo bodies are written before the accounts exist, so a mention names its person by
 * this placeholder; the seed swaps in the real user id.
 */
export const DEMO_USER_PLACEHOLDER: Record<DemoAuthor, string> = {
  ana: "00000000-0000-4000-8000-00000000a0a0",
  ben: "00000000-0000-4000-8000-00000000b0b0",
  chen: "00000000-0000-4000-8000-00000000c0c0",
};

const text = (value: string): AnnotationBodyInput => ({ format: "text", text: value });

export const DEMO_ANNOTATIONS: DemoAnnotation[] = [
  {
    id: id(101),
    author: "chen",
    kind: "comment",
    body: text(
      "Read the whole piece first, then annotate. Tag claims that need a source with “needs citation” and explain mechanisms in your own words.",
    ),
    reactions: [{ by: "ana", type: "helpful" }, { by: "ben", type: "helpful" }],
  },
  {
    id: id(102),
    author: "ana",
    kind: "note",
    quote: "the integrity of the tight junctions between the epithelial cells",
    tags: ["definition"],
    body: {
      format: "tiptap",
      doc: {
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              { type: "text", text: "Tight junctions", marks: [{ type: "bold" }] },
              { type: "text", text: " seal the gaps between neighbouring cells. See " },
              {
                type: "text",
                text: "the review on tight junction proteins",
                marks: [{ type: "link", attrs: { href: "https://en.wikipedia.org/wiki/Tight_junction" } }],
              },
              { type: "text", text: "." },
            ],
          },
        ],
      },
    },
    replies: [
      {
        id: id(201),
        author: "ben",
        text: "So “leaky” means the seal loosens, not that there are holes in the cells themselves?",
        replies: [{ id: id(202), author: "chen", text: "Exactly: the paracellular route opens up. Good question." }],
      },
    ],
    reactions: [{ by: "ben", type: "helpful" }],
  },
  {
    id: id(103),
    author: "ben",
    kind: "highlight",
    quote: "chronic low-grade systemic inflammation",
    color: "pink",
  },
  {
    id: id(104),
    author: "ana",
    kind: "note",
    quote: "This breach of the mucosal barrier is a significant driver of chronic low-grade systemic inflammation",
    tags: ["needs citation"],
    body: text("“Significant driver” is a strong causal claim. Which studies show this in humans?"),
    reactions: [{ by: "ben", type: "same_question" }],
    feedback: {
      id: id(301),
      by: "chen",
      text: "Exactly the right instinct. Look for human intervention studies, not only associations, and bring one to class.",
    },
  },
  {
    id: id(105),
    author: "ben",
    kind: "note",
    quote: "molecular disruption of tight junction proteins like zonulin and occludin",
    tags: ["mechanism"],
    body: {
      format: "tiptap",
      doc: {
        type: "doc",
        content: [
          { type: "paragraph", content: [{ type: "text", text: "The chain as I understand it:" }] },
          {
            type: "orderedList",
            content: [
              { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "diet, stress or dysbiosis" }] }] },
              {
                type: "listItem",
                content: [
                  {
                    type: "paragraph",
                    content: [
                      { type: "text", text: "zonulin", marks: [{ type: "code" }] },
                      { type: "text", text: " release loosens the junctions" },
                    ],
                  },
                ],
              },
              { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "more antigens reach the lamina propria" }] }] },
            ],
          },
        ],
      },
    },
  },
  {
    id: id(106),
    author: "ana",
    kind: "comment",
    quote: "The identification of specific tight junction proteins",
    body: text("Which proteins were identified first? The text does not say."),
    tags: ["question"],
    resolved: true,
    // For the review page: after the thread was resolved, a flagged reply and a mention of the
    // instructor awaiting her answer (a resolved thread is folded in the reader, so the demo's
    // sidebar keeps its shape).
    replies: [
      { id: id(203), author: "chen", text: "Occludin was the first, described in 1993; claudins followed in 1998." },
      { id: id(111), author: "ben", text: "Honestly this whole text is just buzzwords, skip it.", flaggedBy: { by: "ana", reason: "Dismissive; not about the text." } },
      {
        id: id(112),
        author: "ana",
        text: "@Dr. Mei Chen could we also go over the claudins in class? I could not follow how they differ from occludin.",
        body: {
          format: "tiptap",
          doc: {
            type: "doc",
            content: [
              {
                type: "paragraph",
                content: [
                  { type: "mention", attrs: { id: DEMO_USER_PLACEHOLDER.chen, label: "Dr. Mei Chen" } },
                  { type: "text", text: " could we also go over the claudins in class? I could not follow how they differ from occludin." },
                ],
              },
            ],
          },
        },
      },
    ],
  },
  {
    id: id(107),
    author: "chen",
    kind: "note",
    quote: "highlighting the gut’s profound influence on the endocrine system",
    tags: ["disagree", "needs citation"],
    body: text("“Profound” overstates what the evidence supports. Worth discussing in class."),
  },
  {
    id: id(108),
    author: "ana",
    kind: "highlight",
    quote: "inflammatory mediators are released into the lamina propria",
    color: "green",
    private: true,
  },
  {
    id: id(109),
    author: "ana",
    kind: "comment",
    quote: "“leaky gut,”",
    body: text("Colloquial term: avoid it in the essay; use “increased intestinal permeability”."),
    private: true,
  },
  // For the review page: a question nobody has answered yet (at the end of the text, so the
  // threads before it keep their places in the sidebar).
  {
    id: id(110),
    author: "ben",
    kind: "note",
    quote: "the endocrine system",
    tags: ["question"],
    body: text("Which hormones does this mean? Cortisol, insulin, or both?"),
  },
];


/** Resolves a demo annotation's quote to selectors against the revision text. */
export function demoTarget(revisionText: string, quote: string) {
  const start = revisionText.indexOf(quote);
  if (start < 0) throw new Error(`Demo quote not found in the seed text: ${quote}`);
  const described = describeTextRange(revisionText, start, start + quote.length);
  if (!described.ok) throw new Error(`Demo quote cannot be annotated: ${described.message}`);
  return { selector: described.selectors };
}
