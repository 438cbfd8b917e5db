// What makes a tag valid and how it is normalized, without zod: the API's TagSchema
// (lib/api/annotations) is built from these, and the tag picker checks a typed tag with
// checkTag, so the reader's page does not load zod to say "that tag is not valid".

export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 40;

/** Starts with a letter or digit; then letters, digits, spaces and - ' & + . / only. */
export const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} '&+./-]*$/u;

export const TAG_MESSAGES = {
  empty: "A tag cannot be empty.",
  tooLong: `A tag has at most ${MAX_TAG_LENGTH} characters.`,
  characters: "A tag uses letters, digits, spaces and - ' & + . / only.",
  tooMany: `At most ${MAX_TAGS} tags.`,
} as const;

/** Lower case, inner whitespace runs as one space (applied after the checks). */
export function normalizeTag(tag: string): string {
  return tag.toLowerCase().replace(/\s+/g, " ");
}

export type TagCheck = { ok: true; tag: string } | { ok: false; message: string };

/** The same verdict and result as TagSchema.safeParse: trim, check, normalize. */
export function checkTag(input: string): TagCheck {
  const trimmed = input.trim();
  if (trimmed.length < 1) return { ok: false, message: TAG_MESSAGES.empty };
  if (trimmed.length > MAX_TAG_LENGTH) return { ok: false, message: TAG_MESSAGES.tooLong };
  if (!TAG_PATTERN.test(trimmed)) return { ok: false, message: TAG_MESSAGES.characters };
  return { ok: true, tag: normalizeTag(trimmed) };
}
