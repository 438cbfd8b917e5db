// Comment bodies end to end without a browser: the Tiptap allow-list, the HTML renderer and
// sanitizer against XSS filter-evasion vectors, the caps, and the plain-text conversions.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { bodyToPlainText, plainTextToTiptapDoc } from "@/lib/rich-text/body-text";
import { renderBodyHtml, sanitizeHtml } from "@/lib/rich-text/render-html";
import { AnnotationBodyInputSchema, TiptapDocSchema, isAllowedLinkHref } from "@/lib/rich-text/tiptap-schema";

// ---- Vectors --------------------------------------------------------------------------------

// In the style of the OWASP XSS filter-evasion cheat sheet, plus mutation-XSS strings. Each is
// a plain string a user could type or paste; none holds a blank line or a NUL, so each is a
// valid plain-text body that renders as a single paragraph.
const XSS_VECTORS: readonly string[] = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
  "<script src=//xss.rocks/xss.js></script>",
  "<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>",
  "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  "<IMG SRC=\"javascript:alert('XSS');\">",
  "<IMG SRC=JaVaScRiPt:alert('XSS')>",
  "<IMG SRC=javascript:alert(&quot;XSS&quot;)>",
  "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
  "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">",
  "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
  "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
  "<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>",
  "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
  "<IMG SRC=\"jav\tascript:alert('XSS');\">",
  "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
  "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
  "<IMG SRC=\"jav&#x0D;ascript:alert('XSS');\">",
  "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
  "<img src=x onerror=alert(1)>",
  "<img src=\"x\" onerror=\"alert(document.cookie)\">",
  "<img src=x:alert(alt) onerror=eval(src) alt=0>",
  "<IMG SRC=\"`<javascript:alert>`('XSS')\"",
  "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
  "<body onload=alert(1)>",
  "<svg onload=alert(1)>",
  "<svg/onload=alert('XSS')>",
  "<svg><script>alert(1)</script></svg>",
  "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">XSS</text></a></svg>",
  "<math href=\"javascript:javascript:alert(1)\">CLICKME</math>",
  "<math><mi xlink:href=\"data:x,<script>alert(4)</script>\">",
  "<details open ontoggle=alert(1)>",
  "<iframe src=http://xss.rocks/scriptlet.html <",
  "<iframe src=\"javascript:alert(1)\"></iframe>",
  "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
  "<object data=\"javascript:alert(1)\">",
  "<embed src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
  "<a href=\"javascript:alert(1)\">click</a>",
  "<a href=\"JAVASCRIPT:alert(1)\">click</a>",
  "<a href=\" javascript:alert(1)\">click</a>",
  "<a href=\"jav&#x09;ascript:alert(1)\">click</a>",
  "<a href=\"&#106;avascript:alert(1)\">click</a>",
  "<a href=\"javascript&colon;alert(1)\">click</a>",
  "<a href=\"java\nscript:alert(1)\">click</a>",
  "<a href=\"\u0001javascript:alert(1)\">click</a>",
  "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
  "<a href=\"vbscript:msgbox(1)\">x</a>",
  "<a href=\"https://example.com/\" onclick=\"alert(1)\">x</a>",
  "<div style=\"background-image: url(javascript:alert(1))\">",
  "<div style=\"width: expression(alert('XSS'));\">",
  "<p style=\"color:red\" onmouseover=\"alert(1)\">x</p>",
  "<STYLE>@import'http://xss.rocks/xss.css';</STYLE>",
  "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">",
  "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
  "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K\">",
  "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
  "<BASE HREF=\"javascript:alert('XSS');//\">",
  "<form action=\"javascript:alert(1)\"><button>x</button></form>",
  "<button formaction=\"javascript:alert(1)\">x</button>",
  "<input onfocus=alert(1) autofocus>",
  "<marquee onstart=alert(1)>",
  "<video><source onerror=\"alert(1)\"></video>",
  "<audio src=x onerror=alert(1)>",
  "<isindex type=image src=1 onerror=alert(1)>",
  "<x onclick=alert(1)>click me",
  "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
  "<xmp><p title=\"</xmp><img src=x onerror=alert(1)>\">",
  "<math><style><img src=x onerror=alert(1)></style></math>",
  "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
  "<textarea></textarea><script>alert(1)</script>",
  "<title></title><img src=x onerror=alert(1)>",
  "<template><script>alert(1)</script></template>",
  "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
  "<![CDATA[<script>alert(1)</script>]]>",
  "\"><script>alert(1)</script>",
  "'><img src=x onerror=alert(1)>",
  "\" onmouseover=\"alert(1)",
  "' onfocus='alert(1)' autofocus='",
  "javascript:alert(1)",
  "%3Cscript%3Ealert(1)%3C/script%3E",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "\uFF1Cscript\uFF1Ealert(1)\uFF1C/script\uFF1E",
];

// Hrefs that must never become links: script and data schemes in every spelling, whitespace and
// control-character tricks, entity encodings, relative and protocol-relative URLs, other schemes.
const BAD_HREFS: readonly string[] = [
  "javascript:alert(1)",
  "JAVASCRIPT:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "\tjavascript:alert(1)",
  "java\tscript:alert(1)",
  "java\nscript:alert(1)",
  "java\rscript:alert(1)",
  "java\u0000script:alert(1)",
  "\u0001javascript:alert(1)",
  "javascript\u0000:alert(1)",
  "java\u00ADscript:alert(1)",
  "\u202Ejavascript:alert(1)",
  "jav&#x09;ascript:alert(1)",
  "&#106;avascript:alert(1)",
  "&#x6A;avascript:alert(1)",
  "&#0000106&#0000097vascript:alert(1)",
  "javascript&colon;alert(1)",
  "javascript&#58;alert(1)",
  "%6Aavascript:alert(1)",
  "javascript://%0Aalert(1)",
  "javascript:https://example.com/",
  "\uFF4A\uFF41\uFF56\uFF41\uFF53\uFF43\uFF52\uFF49\uFF50\uFF54:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "DATA:text/html,x",
  "vbscript:msgbox(1)",
  "VBScript:msgbox(1)",
  "livescript:alert(1)",
  "file:///etc/passwd",
  "ftp://example.com/",
  "//evil.example/",
  "\\\\evil.example\\share",
  "/relative/path",
  "relative/path",
  "?q=1",
  "#top",
  "example.com",
  "www.example.com",
  "https://",
  "http://",
  "https:javascript:alert(1)",
  "https://exa mple.com/",
  "https://exa\u200Bmple.com/",
  "https://exa\u00A0mple.com/",
  "https://example.com/\" onmouseover=\"alert(1)",
  "",
  "   ",
  `https://example.com/${"a".repeat(3000)}`,
];

// ---- Helpers --------------------------------------------------------------------------------

const RENDERED_TAGS = ["p", "br", "strong", "em", "code", "s", "a", "ul", "ol", "li", "blockquote"];
const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = { a: ["href", "rel", "target"], ol: ["start"] };
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g;

/**
 * Asserts that `html` is inert: every "<" opens a tag from `allowedTags`, attributes are only
 * those on the allow-list, links use http/https/mailto, and there is no script or handler.
 */
function expectSafeHtml(html: string, allowedTags: readonly string[] = RENDERED_TAGS): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
  // With every text "<" and ">" escaped, stripping the recognised tags must leave none behind.
  expect(html.replace(TAG, "")).not.toMatch(/[<>]/);
  for (const [, , tagName = "", attributeText = ""] of html.matchAll(TAG)) {
    expect(allowedTags).toContain(tagName);
    for (const [, name = "", value = ""] of attributeText.matchAll(/\s+([^\s=>/]+)(?:="([^"]*)")?/g)) {
      expect(ALLOWED_ATTRIBUTES[tagName] ?? []).toContain(name);
      if (name === "href") {
        expect(value).toMatch(/^(https?:\/\/|mailto:)/);
        expect(value.toLowerCase()).not.toMatch(/javascript:|vbscript:|data:/);
      }
      if (name === "start") expect(value).toMatch(/^\d+$/);
      if (name === "target") expect(value).toBe("_blank");
      if (name === "rel") expect(value).toBe("noopener noreferrer nofollow");
    }
  }
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The text a reader sees in rendered plain-text HTML: paragraphs as blank lines, breaks as newlines. */
function visiblePlainText(html: string): string {
  return decodeEntities(html.replace(/<br \/>/g, "\n").replace(/<\/p><p>/g, "\n\n").replace(/<\/?p>/g, ""));
}

/** The text runs between tags, decoded. */
function textRuns(html: string): string[] {
  return html
    .split(/<[^>]*>/)
    .filter((run) => run !== "")
    .map(decodeEntities);
}

type JsonMark = { type: string; attrs?: Record<string, unknown> };

const text = (value: string, ...marks: JsonMark[]) => (marks.length > 0 ? { type: "text", text: value, marks } : { type: "text", text: value });
const paragraph = (...content: object[]) => (content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" });
const listItem = (...content: object[]) => ({ type: "listItem", content });
const bulletList = (...items: object[]) => ({ type: "bulletList", content: items });
const orderedList = (attrs: Record<string, unknown> | undefined, ...items: object[]) =>
  attrs === undefined ? { type: "orderedList", content: items } : { type: "orderedList", attrs, content: items };
const blockquote = (...content: object[]) => ({ type: "blockquote", content });
const doc = (...content: object[]) => ({ type: "doc", content });
const link = (href: string, extra: Record<string, unknown> = {}): JsonMark => ({ type: "link", attrs: { href, ...extra } });
const BOLD: JsonMark = { type: "bold" };
const ITALIC: JsonMark = { type: "italic" };
const CODE: JsonMark = { type: "code" };
const STRIKE: JsonMark = { type: "strike" };

function renderDoc(json: object): string {
  return renderBodyHtml(AnnotationBodyInputSchema.parse({ format: "tiptap", doc: json }));
}

function renderText(value: string): string {
  return renderBodyHtml(AnnotationBodyInputSchema.parse({ format: "text", text: value }));
}

function issueMessages(json: unknown): string[] {
  const result = TiptapDocSchema.safeParse(json);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

/** Lists nested `depth` deep, each level one item holding a paragraph and the next list. */
function nestedLists(depth: number): object {
  let innermost: object = bulletList(listItem(paragraph(text("deepest"))));
  for (let level = 1; level < depth; level++) innermost = bulletList(listItem(paragraph(text(`level ${depth - level}`)), innermost));
  return doc(innermost);
}

// ---- XSS: plain-text bodies -----------------------------------------------------------------

describe("XSS vectors as plain-text bodies", () => {
  it("has a full set of vectors", () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(XSS_VECTORS).size).toBe(XSS_VECTORS.length);
  });

  it.each(XSS_VECTORS)("renders %j as escaped text in paragraphs only", (vector) => {
    const html = renderText(vector);
    expectSafeHtml(html, ["p", "br"]);
    expect(visiblePlainText(html)).toBe(vector);
    if (/[<>]/.test(vector)) expect(html).not.toContain(vector);
  });
});

// ---- XSS: text inside Tiptap JSON ------------------------------------------------------------

describe("XSS vectors hidden in Tiptap text nodes", () => {
  it.each(XSS_VECTORS)("renders %j as escaped text under every kind of formatting", (vector) => {
    const html = renderDoc(
      doc(
        paragraph(text(vector)),
        paragraph(text(vector, BOLD, ITALIC)),
        bulletList(listItem(paragraph(text(vector, link("https://example.com/"))))),
        blockquote(paragraph(text(vector, CODE, STRIKE))),
      ),
    );
    expectSafeHtml(html);
    expect(textRuns(html)).toEqual([vector, vector, vector, vector]);
  });
});

// ---- XSS: attributes, unknown nodes and marks ------------------------------------------------

describe("XSS vectors where only structure could carry them", () => {
  const withVector = (vector: string) => [
    ["a link href", doc(paragraph(text("x", link(vector))))],
    ["an extra link attribute", doc(paragraph(text("x", link("https://example.com/", { onmouseover: vector }))))],
    ["a paragraph attribute", doc({ type: "paragraph", attrs: { style: vector }, content: [text("x")] })],
    ["an extra key on a text node", doc(paragraph({ type: "text", text: "x", html: vector }))],
    ["an unknown node type", doc(paragraph(text("x")), { type: "rawHtml", html: vector })],
    ["an image node", doc(paragraph(text("x"), { type: "image", attrs: { src: vector } }))],
    ["an unknown mark", doc(paragraph(text("x", { type: "textStyle", attrs: { style: vector } })))],
    ["attributes on a formatting mark", doc(paragraph(text("x", { type: "bold", attrs: { onclick: vector } })))],
    ["an ordered list's start", doc(orderedList({ start: vector }, listItem(paragraph(text("x")))))],
    ["an extra key on the document", { ...doc(paragraph(text("x"))), attrs: { onload: vector } }],
  ] as const;

  it.each(XSS_VECTORS)("refuses %j in attributes, unknown nodes and unknown marks", (vector) => {
    for (const [where, json] of withVector(vector)) {
      expect(TiptapDocSchema.safeParse(json).success, where).toBe(false);
    }
    expect(AnnotationBodyInputSchema.safeParse({ format: "html", html: vector }).success).toBe(false);
    expect(AnnotationBodyInputSchema.safeParse({ format: "text", text: "x", html: vector }).success).toBe(false);
  });

  it.each(BAD_HREFS)("refuses the link href %j", (href) => {
    expect(isAllowedLinkHref(href.trim())).toBe(false);
    expect(TiptapDocSchema.safeParse(doc(paragraph(text("click", link(href))))).success).toBe(false);
  });

  it("keeps quotes in an otherwise valid href inside the attribute", () => {
    const html = renderDoc(doc(paragraph(text("x", link('https://example.com/"onmouseover="alert(1)')))));
    expectSafeHtml(html);
    expect(html).toContain('href="https://example.com/&quot;onmouseover=&quot;alert(1)"');
  });

  it("refuses node types and marks outside the allow-list", () => {
    const refused = [
      doc({ type: "heading", attrs: { level: 1 }, content: [text("x")] }),
      doc({ type: "codeBlock", content: [text("x")] }),
      doc(paragraph(text("x")), { type: "horizontalRule" }),
      doc({ type: "table", content: [] }),
      doc(paragraph({ type: "mention", attrs: { id: "1" } })),
      doc(paragraph(text("x", { type: "underline" }))),
      doc(paragraph(text("x", { type: "highlight" }))),
      doc(paragraph(text("x", { type: "subscript" }))),
      doc(listItem(paragraph(text("x")))),
      doc(text("x")),
      doc(paragraph(paragraph(text("x")))),
      doc(paragraph(text("x")), doc(paragraph(text("y")))),
      { type: "paragraph", content: [text("x")] },
      doc(),
      { type: "doc" },
      doc(bulletList()),
      doc(blockquote()),
      doc(bulletList(listItem())),
      doc(paragraph(text(""))),
      doc(paragraph(text("x", BOLD, BOLD))),
      doc(paragraph(text("x", link("https://example.com/", { target: "_self" })))),
      doc(paragraph(text("x", { type: "link", attrs: {} }))),
      doc(paragraph(text("x", { type: "link" }))),
      doc(orderedList({ start: 0 }, listItem(paragraph(text("x"))))),
      doc(orderedList({ start: 10_001 }, listItem(paragraph(text("x"))))),
      doc(orderedList({ start: 1.5 }, listItem(paragraph(text("x"))))),
      doc(orderedList({ start: "3" }, listItem(paragraph(text("x"))))),
      doc(orderedList({ start: 2, reversed: true }, listItem(paragraph(text("x"))))),
      doc(paragraph(text("x"), { type: "hardBreak", attrs: {} })),
      null,
      "<p>x</p>",
      [doc(paragraph(text("x")))],
    ];
    for (const json of refused) expect(TiptapDocSchema.safeParse(json).success, JSON.stringify(json)).toBe(false);
  });

  it("refuses malformed bodies", () => {
    const refused = [
      { format: "tiptap" },
      { format: "tiptap", doc: doc(paragraph(text("x"))), text: "x" },
      { format: "text" },
      { format: "text", text: "" },
      { format: "text", text: 42 },
      { format: "markdown", text: "**x**" },
      { text: "x" },
    ];
    for (const body of refused) expect(AnnotationBodyInputSchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
  });
});

// ---- The sanitizer on its own ----------------------------------------------------------------

describe("sanitizeHtml as the second line of defence", () => {
  it.each(XSS_VECTORS)("reduces raw %j to allow-listed markup", (vector) => {
    expectSafeHtml(sanitizeHtml(vector));
  });

  it("drops unsafe hrefs but keeps the link text, and forces rel and target", () => {
    expect(sanitizeHtml('<a href="jav&#x09;ascript:alert(1)">x</a>')).toBe('<a rel="noopener noreferrer nofollow" target="_blank">x</a>');
    expect(sanitizeHtml('<a href="https://example.com/" rel="opener" target="_self" class="c">x</a>')).toBe(
      '<a href="https://example.com/" rel="noopener noreferrer nofollow" target="_blank">x</a>',
    );
    expect(sanitizeHtml('<a href="//evil.example/">x</a>')).toBe('<a rel="noopener noreferrer nofollow" target="_blank">x</a>');
  });

  it("keeps only a numeric start on ordered lists", () => {
    expect(sanitizeHtml('<ol start="2" type="a" onclick="x"><li>y</li></ol>')).toBe('<ol start="2"><li>y</li></ol>');
    expect(sanitizeHtml('<ol start="javascript:x"><li>y</li></ol>')).toBe("<ol><li>y</li></ol>");
  });

  it("removes the content of raw-text elements", () => {
    expect(sanitizeHtml('<noscript><p title="</noscript><img src=x onerror=alert(1)>">')).not.toMatch(/<img|onerror=/);
    expect(sanitizeHtml("<p>a<script>alert(1)</script>b</p>")).toBe("<p>ab</p>");
  });
});

// ---- Rendering ------------------------------------------------------------------------------

describe("renderBodyHtml", () => {
  const expectRendered = (json: object, expected: string) => {
    const html = renderDoc(json);
    expectSafeHtml(html);
    expect(html).toBe(expected);
  };

  it("renders bold, italic, strike and inline code", () => {
    expectRendered(
      doc(paragraph(text("b", BOLD), text(" i", ITALIC), text(" s", STRIKE), text(" c", CODE), text(" plain"))),
      "<p><strong>b</strong><em> i</em><s> s</s><code> c</code> plain</p>",
    );
  });

  it("nests marks in a fixed order, whatever order the JSON lists them in", () => {
    expectRendered(doc(paragraph(text("x", CODE, ITALIC, BOLD))), "<p><strong><em><code>x</code></em></strong></p>");
  });

  it("renders links with a fixed rel and target, keeping https and mailto", () => {
    expectRendered(
      doc(paragraph(text("site", link("https://example.com/a?b=1&c=2", { target: "_blank", rel: "opener", class: "x", title: null })))),
      '<p><a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer nofollow" target="_blank">site</a></p>',
    );
    expectRendered(
      doc(paragraph(text("mail me", link("mailto:someone@example.com")))),
      '<p><a href="mailto:someone@example.com" rel="noopener noreferrer nofollow" target="_blank">mail me</a></p>',
    );
    expectRendered(
      doc(paragraph(text("old", link("http://example.com/")))),
      '<p><a href="http://example.com/" rel="noopener noreferrer nofollow" target="_blank">old</a></p>',
    );
  });

  it("keeps a link with formatting inside it as one element", () => {
    const href = "https://example.com/";
    expectRendered(
      doc(paragraph(text("see ", link(href)), text("this", link(href), BOLD), text(" page", link(href)), text(" after"))),
      `<p><a href="${href}" rel="noopener noreferrer nofollow" target="_blank">see <strong>this</strong> page</a> after</p>`,
    );
  });

  it("renders lists, nested lists, quotes and hard breaks", () => {
    expectRendered(
      doc(
        bulletList(listItem(paragraph(text("one"))), listItem(paragraph(text("two")), orderedList(undefined, listItem(paragraph(text("two.a")))))),
        orderedList({ start: 3, type: null }, listItem(paragraph(text("three")))),
        orderedList({ start: 1 }, listItem(paragraph(text("first")))),
        blockquote(paragraph(text("line one"), { type: "hardBreak" }, text("line two"))),
      ),
      "<ul><li><p>one</p></li><li><p>two</p><ol><li><p>two.a</p></li></ol></li></ul>" +
        '<ol start="3"><li><p>three</p></li></ol>' +
        "<ol><li><p>first</p></li></ol>" +
        "<blockquote><p>line one<br />line two</p></blockquote>",
    );
  });

  it("renders plain text as paragraphs split on blank lines, with breaks for single newlines", () => {
    const html = renderText("first line\nsecond <line>\r\n\r\n  \n\nnext & last");
    expectSafeHtml(html, ["p", "br"]);
    expect(html).toBe("<p>first line<br />second &lt;line&gt;</p><p>next &amp; last</p>");
  });

  it("renders a plain-text body and its Tiptap conversion identically", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", " ", "\n", "\r", "<", ">", "&", '"', "'", "é", "\t") , minLength: 1 }), (value) => {
        const asText = renderBodyHtml({ format: "text", text: value });
        expect(renderBodyHtml({ format: "tiptap", doc: plainTextToTiptapDoc(value) })).toBe(asText);
        expectSafeHtml(asText, ["p", "br"]);
      }),
    );
  });
});

// ---- Schema details -------------------------------------------------------------------------

describe("TiptapDocSchema", () => {
  it("accepts what Tiptap's StarterKit emits and drops the attributes it never renders", () => {
    const parsed = TiptapDocSchema.parse(
      doc(
        paragraph(text("x", link("  https://example.com/  ", { target: "_blank", rel: "noopener noreferrer nofollow", class: null, title: null }))),
        orderedList({ start: 1, type: null }, listItem(paragraph(text("y")), blockquote(paragraph(text("q"))))),
        paragraph(text("bold", BOLD), { type: "hardBreak", marks: [BOLD] }, text("more", BOLD)),
        paragraph(),
      ),
    );
    expect(parsed.content[0]).toEqual(paragraph(text("x", link("https://example.com/", { target: "_blank" }))));
    expect(parsed.content[1]).toEqual(orderedList({ start: 1 }, listItem(paragraph(text("y")), blockquote(paragraph(text("q"))))));
  });

  it("accepts absolute http, https and mailto hrefs in any letter case", () => {
    for (const href of ["https://example.com", "http://example.com/path?q=1&r=2#frag", "HTTPS://EXAMPLE.COM/", "mailto:someone@example.com", "mailto:a@b.example?subject=Hi%20there"]) {
      expect(isAllowedLinkHref(href), href).toBe(true);
    }
  });

  it("caps the total text at 10,000 characters", () => {
    expect(TiptapDocSchema.safeParse(doc(paragraph(text("a".repeat(5_000))), paragraph(text("b".repeat(5_000))))).success).toBe(true);
    expect(issueMessages(doc(paragraph(text("a".repeat(5_000))), paragraph(text("b".repeat(5_001)))))).toEqual([
      "The comment is longer than 10,000 characters.",
    ]);
    expect(issueMessages(doc(paragraph(text("a".repeat(10_001)))))).toContain("The comment is longer than 10,000 characters.");
    expect(AnnotationBodyInputSchema.safeParse({ format: "text", text: "a".repeat(10_000) }).success).toBe(true);
    const tooLong = AnnotationBodyInputSchema.safeParse({ format: "text", text: "a".repeat(10_001) });
    expect(tooLong.error?.issues.map((issue) => issue.message)).toEqual(["The comment is longer than 10,000 characters."]);
  });

  it("caps nesting at 8 levels of lists and quotes", () => {
    expect(TiptapDocSchema.safeParse(nestedLists(8)).success).toBe(true);
    expect(issueMessages(nestedLists(9))).toEqual(["Lists and quotes can be nested at most 8 levels deep."]);
    let quotes: object = paragraph(text("x"));
    for (let level = 0; level < 9; level++) quotes = blockquote(quotes);
    expect(issueMessages(doc(quotes))).toEqual(["Lists and quotes can be nested at most 8 levels deep."]);
  });

  it("refuses absurdly deep JSON with a validation error instead of overflowing the stack", () => {
    let deep: object = paragraph(text("x"));
    for (let level = 0; level < 5_000; level++) deep = blockquote(deep);
    expect(issueMessages(doc(deep))).toEqual(["Lists and quotes can be nested at most 8 levels deep."]);
  });

  it("caps a document at 2,000 nodes", () => {
    const runs = (count: number) => Array.from({ length: count }, (_, index) => (index % 2 === 0 ? text("x") : { type: "hardBreak" }));
    // doc + paragraph + 1,998 inline nodes = 2,000
    expect(TiptapDocSchema.safeParse(doc(paragraph(...runs(1_998)))).success).toBe(true);
    expect(issueMessages(doc(paragraph(...runs(1_999))))).toEqual([
      "The comment has too many parts (more than 2,000 paragraphs, list items and formatted pieces).",
    ]);
  });

  it("refuses empty comments and text the database cannot store", () => {
    expect(issueMessages(doc(paragraph(), paragraph({ type: "hardBreak" })))).toEqual(["The comment is empty."]);
    expect(issueMessages(doc(paragraph(text("a\u0000b"))))).toEqual(["The comment contains characters that cannot be stored."]);
    expect(issueMessages(doc(paragraph(text("lone \uD800 surrogate"))))).toEqual(["The comment contains characters that cannot be stored."]);
    expect(TiptapDocSchema.safeParse(doc(paragraph(text("emoji \uD83D\uDE00 ok")))).success).toBe(true);
    expect(AnnotationBodyInputSchema.safeParse({ format: "text", text: "a\u0000b" }).success).toBe(false);
  });

  it("can be published as JSON Schema", () => {
    const schema = z.toJSONSchema(AnnotationBodyInputSchema, { io: "input" });
    expect(Object.keys(schema.$defs ?? {})).toEqual(expect.arrayContaining(["AnnotationBodyInput", "TiptapDoc", "TiptapBlockNode", "TiptapLinkMark"]));
  });
});

// ---- Plain text -----------------------------------------------------------------------------

describe("bodyToPlainText", () => {
  it("flattens a rich document for search and CSV", () => {
    const body = AnnotationBodyInputSchema.parse({
      format: "tiptap",
      doc: doc(
        paragraph(text("Intro with "), text("bold", BOLD), text(" and "), text("a link", link("https://example.com/")), text(".")),
        paragraph(text("line one"), { type: "hardBreak" }, text("line two")),
        paragraph(),
        bulletList(
          listItem(paragraph(text("apples"))),
          listItem(paragraph(text("pears")), orderedList({ start: 9 }, listItem(paragraph(text("conference"))), listItem(paragraph(text("williams"))))),
        ),
        orderedList(undefined, listItem(paragraph(text("first"))), listItem(paragraph(text("second")), paragraph(text("more on second")))),
        blockquote(paragraph(text("quoted")), paragraph(text("still quoted"))),
      ),
    });
    expect(bodyToPlainText(body)).toBe(
      [
        "Intro with bold and a link.",
        "",
        "line one\nline two",
        "",
        "- apples\n- pears\n  9. conference\n  10. williams",
        "",
        "1. first\n2. second\n   more on second",
        "",
        "> quoted\n>\n> still quoted",
      ].join("\n"),
    );
  });

  it("returns a plain-text body as written", () => {
    expect(bodyToPlainText({ format: "text", text: "just <text>\nhere" })).toBe("just <text>\nhere");
  });
});

describe("plainTextToTiptapDoc", () => {
  it("builds paragraphs and hard breaks that pass the schema", () => {
    const converted = plainTextToTiptapDoc("one\ntwo\n\n\nthree\r\n");
    expect(converted).toEqual(doc(paragraph(text("one"), { type: "hardBreak" }, text("two")), paragraph(text("three"))));
    expect(TiptapDocSchema.parse(converted)).toEqual(converted);
  });

  it("gives blank text the empty editor's document", () => {
    expect(plainTextToTiptapDoc(" \n\t\n")).toEqual(doc(paragraph()));
  });

  it("round-trips through bodyToPlainText", () => {
    const sample = "First paragraph\nwith a second line\n\n<b>Second</b> & 'third' \"quoted\"";
    expect(bodyToPlainText({ format: "tiptap", doc: plainTextToTiptapDoc(sample) })).toBe(sample);

    const line = fc.string({ minLength: 1, maxLength: 20 }).filter((value) => !/[\r\n]/.test(value) && value.trim() !== "");
    const paragraphText = fc.array(line, { minLength: 1, maxLength: 4 }).map((lines) => lines.join("\n"));
    fc.assert(
      fc.property(fc.array(paragraphText, { minLength: 1, maxLength: 5 }), (paragraphs) => {
        const original = paragraphs.join("\n\n");
        expect(bodyToPlainText({ format: "tiptap", doc: plainTextToTiptapDoc(original) })).toBe(original);
      }),
    );
  });
});
