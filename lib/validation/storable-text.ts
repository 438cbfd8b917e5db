// PostgreSQL text cannot hold NUL, and unpaired UTF-16 surrogates cannot be encoded as
// UTF-8: such input must be a 400 at the door, never a 500 from the database.
const UNSTORABLE_CHARACTER = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE = "Contains characters that cannot be stored (NUL or broken Unicode).";

export function isStorableText(text: string): boolean {
  return !UNSTORABLE_CHARACTER.test(text);
}
