// The tag picker checks typed tags with checkTag (no zod on the reader's page); the API
// checks them with TagSchema. Both must give the same verdict, message and tag.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TagSchema } from "@/lib/api/annotations";
import { checkTag, MAX_TAG_LENGTH } from "@/lib/annotations/tag-rules";

function schemaVerdict(input: string) {
  const parsed = TagSchema.safeParse(input);
  return parsed.success ? { ok: true, tag: parsed.data } : { ok: false, message: parsed.error.issues[0]?.message };
}

describe("checkTag", () => {
  it.each([
    "mechanism",
    "  Needs   Citation ",
    "",
    "   ",
    "x".repeat(MAX_TAG_LENGTH),
    ` ${"x".repeat(MAX_TAG_LENGTH)} `,
    "x".repeat(MAX_TAG_LENGTH + 1),
    "-leading-dash",
    "C++ & co./2",
    "l'évidence",
    "日本語",
    "<script>",
    "tab\there",
    "emoji 🦠",
  ])("agrees with TagSchema on %j", (input) => {
    expect(checkTag(input)).toEqual(schemaVerdict(input));
  });

  it("agrees with TagSchema on any string", () => {
    const alphabet = fc.constantFrom("a", "Z", "é", "7", " ", "\t", "-", "'", "&", "+", ".", "/", "<", "_", "🦠", "\u00a0");
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet, maxLength: 50 })), (input) => {
        expect(checkTag(input)).toEqual(schemaVerdict(input));
      }),
    );
  });
});
