// @mentions in comment bodies: the allow-list accepts the node @tiptap/extension-mention
// emits (id = a user id, a label), renders it as escaped text in a styled span, writes it
// as "@Label" in plain text, and lists who is mentioned.
import { describe, expect, it } from "vitest";
import { bodyToPlainText } from "@/lib/rich-text/body-text";
import { mentionedUserIds } from "@/lib/rich-text/mentions";
import { renderBodyHtml } from "@/lib/rich-text/render-html";
import { TiptapDocSchema, type TiptapDoc } from "@/lib/rich-text/tiptap-schema";

const BEN = "6f1e2d3c-4b5a-4968-8776-655443322110";
const CHEN = "7a1e2d3c-4b5a-4968-8776-655443322110";
const mention = (id: string, label: string, extra: Record<string, unknown> = {}) => ({ type: "mention", attrs: { id, label, ...extra } });
const docOf = (...blocks: unknown[]) => ({ type: "doc", content: blocks });
const para = (...content: unknown[]) => ({ type: "paragraph", content });

function parse(value: unknown): TiptapDoc {
  const result = TiptapDocSchema.safeParse(value);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data;
}

describe("mention nodes", () => {
  it("are accepted as the editor sends them, the suggestion character dropped", () => {
    const doc = parse(docOf(para({ type: "text", text: "Ask " }, mention(BEN, "Ben", { mentionSuggestionChar: "@" }))));
    expect(doc.content[0]).toEqual(para({ type: "text", text: "Ask " }, mention(BEN, "Ben")));
  });

  it("count as text, so a comment holding only a mention is not empty", () => {
    expect(TiptapDocSchema.safeParse(docOf(para(mention(BEN, "Ben")))).success).toBe(true);
  });

  it("are refused with a non-uuid id, an empty or long label, other attributes or another trigger", () => {
    for (const node of [
      mention("1", "Ben"),
      mention(`<img src=x onerror=alert(1)>`, "x"),
      mention(BEN, ""),
      mention(BEN, "   "),
      mention(BEN, "x".repeat(101)),
      mention(BEN, "Ben", { href: "javascript:alert(1)" }),
      mention(BEN, "Ben", { mentionSuggestionChar: "#" }),
      { type: "mention", attrs: { id: BEN } },
      { type: "mention", attrs: { id: BEN, label: "Ben" }, content: [] },
    ]) {
      expect(TiptapDocSchema.safeParse(docOf(para(node))).success, JSON.stringify(node)).toBe(false);
    }
  });

  it("render as escaped text in a mention span, and as @Label in plain text", () => {
    const doc = parse(docOf(para({ type: "text", text: "Hi " }, mention(BEN, `<script>alert("x")</script>`))));
    expect(renderBodyHtml({ format: "tiptap", doc })).toBe('<p>Hi <span class="mention">@&lt;script&gt;alert("x")&lt;/script&gt;</span></p>');
    expect(bodyToPlainText({ format: "tiptap", doc })).toBe('Hi @<script>alert("x")</script>');
  });

  it("list each mentioned person once, in order, from lists and quotes too", () => {
    const doc = parse(
      docOf(
        para(mention(CHEN, "Chen"), { type: "text", text: " and " }, mention(BEN, "Ben")),
        { type: "bulletList", content: [{ type: "listItem", content: [para(mention(BEN, "Ben"))] }] },
        { type: "blockquote", content: [para(mention(CHEN, "Chen"))] },
      ),
    );
    expect(mentionedUserIds(doc)).toEqual([CHEN, BEN]);
    expect(mentionedUserIds(parse(docOf(para({ type: "text", text: "nobody" }))))).toEqual([]);
  });
});
