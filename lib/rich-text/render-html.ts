// The stored HTML of a comment: hand-rendered from validated Tiptap JSON (or plain text) with every
// value escaped, then passed through sanitize-html as a second line of defence.
import sanitize from "sanitize-html";
import { plainTextToTiptapDoc } from "./body-text";
import {
  isAllowedLinkHref,
  type AnnotationBodyInput,
  type TiptapBlockNode,
  type TiptapInlineNode,
  type TiptapMark,
} from "./tiptap-schema";

const LINK_REL = "noopener noreferrer nofollow";
const LINK_TARGET = "_blank";

const ALLOWED_TAGS = ["p", "br", "strong", "em", "code", "s", "a", "ul", "ol", "li", "blockquote", "span"];

// Whatever HTML comes in, every link opens in a new tab without a window.opener or referrer and
// without passing on search-engine credit.
function keepLinkSafe(tagName: string, attribs: sanitize.Attributes): sanitize.Tag {
  const safe: sanitize.Attributes = attribs.href === undefined ? {} : { href: attribs.href };
  return { tagName, attribs: { ...safe, rel: LINK_REL, target: LINK_TARGET } };
}

// sanitize-html allows a listed attribute with any value; start must be a plain number.
function keepNumericStart(tagName: string, attribs: sanitize.Attributes): sanitize.Tag {
  const safe: sanitize.Attributes = {};
  if (attribs.start !== undefined && /^\d{1,5}$/.test(attribs.start)) safe.start = attribs.start;
  return { tagName, attribs: safe };
}

const SANITIZE_OPTIONS: sanitize.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ["href", "rel", "target"], ol: ["start"] },
  // The only class anywhere: the one that styles an @mention.
  allowedClasses: { span: ["mention"] },
  allowedStyles: {},
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  allowVulnerableTags: false,
  disallowedTagsMode: "discard",
  selfClosing: ["br"],
  // Browsers read these elements' contents as raw text, so their text is dropped rather than
  // kept: keeping it is how mutation-XSS payloads hidden in <noscript> or <xmp> resurface.
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "xmp", "iframe", "noembed", "noframes", "plaintext", "title", "template"],
  transformTags: {
    a: keepLinkSafe,
    ol: keepNumericStart,
  },
};

/** Cleans HTML down to the comment allow-list: the tags and attributes the renderer emits, http/https/mailto links. */
export function sanitizeHtml(html: string): string {
  return sanitize(html, SANITIZE_OPTIONS);
}

/** The sanitized HTML for a validated comment body. */
export function renderBodyHtml(body: AnnotationBodyInput): string {
  // Plain text goes through the same conversion the server stores it as, so both paths agree.
  const doc = body.format === "tiptap" ? body.doc : plainTextToTiptapDoc(body.text);
  const html = renderBlocks(doc.content);
  return sanitizeHtml(html);
}

/** Escapes text for use both between tags and inside a double- or single-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function renderBlocks(blocks: readonly TiptapBlockNode[]): string {
  return blocks.map(renderBlock).join("");
}

function renderBlock(block: TiptapBlockNode): string {
  switch (block.type) {
    case "paragraph":
      return `<p>${renderInline(block.content ?? [])}</p>`;
    case "bulletList":
      return `<ul>${block.content.map((item) => `<li>${renderBlocks(item.content)}</li>`).join("")}</ul>`;
    case "orderedList": {
      const start = block.attrs?.start;
      const open = start === undefined || start === 1 ? "<ol>" : `<ol start="${String(start)}">`;
      return `${open}${block.content.map((item) => `<li>${renderBlocks(item.content)}</li>`).join("")}</ol>`;
    }
    case "blockquote":
      return `<blockquote>${renderBlocks(block.content)}</blockquote>`;
  }
}

// Marks always nest in this order (link outermost, code innermost), whatever order the JSON
// lists them in, so that runs sharing a mark can share one element.
const MARK_NESTING_ORDER: Record<TiptapMark["type"], number> = { link: 0, bold: 1, italic: 2, strike: 3, code: 4 };

function sameMark(left: TiptapMark, right: TiptapMark): boolean {
  if (left.type === "link" && right.type === "link") return left.attrs.href === right.attrs.href;
  return left.type === right.type;
}

// The schema already refuses unsafe hrefs; checking again means a doc that skipped validation
// still renders its text, just without the link.
function renderableMarks(marks: readonly TiptapMark[] | undefined): TiptapMark[] {
  return (marks ?? [])
    .filter((mark) => mark.type !== "link" || isAllowedLinkHref(mark.attrs.href))
    .sort((left, right) => MARK_NESTING_ORDER[left.type] - MARK_NESTING_ORDER[right.type]);
}

function openingTag(mark: TiptapMark): string {
  switch (mark.type) {
    case "link":
      return `<a href="${escapeHtml(mark.attrs.href)}" rel="${LINK_REL}" target="${LINK_TARGET}">`;
    case "bold":
      return "<strong>";
    case "italic":
      return "<em>";
    case "strike":
      return "<s>";
    case "code":
      return "<code>";
  }
}

const CLOSING_TAGS: Record<TiptapMark["type"], string> = { link: "</a>", bold: "</strong>", italic: "</em>", strike: "</s>", code: "</code>" };

/*
 * Like ProseMirror's DOM serializer: marks still active on the next node stay open, so a link
 * with one bold word in it stays one <a> element (one link for screen readers) instead of three.
 */
function renderInlineContent(node: TiptapInlineNode): string {
  switch (node.type) {
    case "text":
      return escapeHtml(node.text);
    case "hardBreak":
      return "<br>";
    case "mention":
      return `<span class="mention">@${escapeHtml(node.attrs.label)}</span>`;
  }
}

function renderInline(nodes: readonly TiptapInlineNode[]): string {
  let html = "";
  const openMarks: TiptapMark[] = [];
  const closeMarksFrom = (index: number) => {
    while (openMarks.length > index) {
      const mark = openMarks.pop();
      if (mark !== undefined) html += CLOSING_TAGS[mark.type];
    }
  };
  for (const node of nodes) {
    const marks = renderableMarks(node.marks);
    let kept = 0;
    while (kept < openMarks.length && kept < marks.length) {
      const open = openMarks[kept];
      const wanted = marks[kept];
      if (open === undefined || wanted === undefined || !sameMark(open, wanted)) break;
      kept += 1;
    }
    closeMarksFrom(kept);
    for (const mark of marks.slice(kept)) {
      html += openingTag(mark);
      openMarks.push(mark);
    }
    html += renderInlineContent(node);
  }
  closeMarksFrom(0);
  return html;
}
