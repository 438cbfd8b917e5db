// The numbers that bound a selector, in a module without zod: the reader's first load
// needs them (describeTextRange) but not the schemas that enforce them (selectors.ts).

/** Characters of context that describeTextRange records on each side of a quote (UTF-16 units). */
export const QUOTE_CONTEXT_LENGTH = 32;

/** Longest quote an annotation may carry, in UTF-16 units; longer selections are refused. */
export const MAX_QUOTE_LENGTH = 5000;
