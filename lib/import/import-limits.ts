// Size limits of an annotation import, without zod, so the reader's import dialog can
// refuse an oversized file before sending it without loading the import schemas.

/** Upper bound on an uploaded annotation file, far above a 5,000-annotation export of ours. */
export const MAX_IMPORT_BODY_BYTES = 5 * 1024 * 1024;
