// Turns pasted or uploaded plain text into a canonical document: normalized text, typed blocks
// with UTF-16 offsets, a title, and a report of the web-page boilerplate that was left out.

import { findBoilerplateRegions } from "./boilerplate";
import { type BlockContent, type BlockType, type DocumentBlock, layoutBlocks } from "./canonical-text";

export type DroppedBlock = {
  text: string;
  position: "leading" | "trailing";
  score: number;
  reason: string;
};

export type ImportedDocument = {
  title: string;
  text: string;
  blocks: DocumentBlock[];
  dropped: DroppedBlock[];
};

export type ImportOptions = { title?: string };

export const UNTITLED_DOCUMENT = "Untitled document";

const MAX_HEADING_LENGTH = 80;
const MAX_HEADING_WORDS = 10;
const MAX_SUBJECT_TITLE_WORDS = 8;

// Horizontal whitespace that copy-paste from browsers and word processors leaves behind.
const INLINE_WHITESPACE_RUN = /[ \t\f\v\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;
const LINE_BREAK = /\r\n?|[\u2028\u2029]/g;
const CLOSING_PUNCTUATION = "[.!?,;:…]";
const CLOSING_QUOTES = "[\"'”’»]";
const ENDS_WITH_CLOSING_PUNCTUATION = new RegExp(`${CLOSING_PUNCTUATION}${CLOSING_QUOTES}*$`, "u");
// The lead sentence ends at the first terminator (plus closing quotes) followed by a space or the end.
const LEAD_SENTENCE = new RegExp(`^.*?[.!?…]${CLOSING_QUOTES}*(?=\\s|$)`, "u");
// Where a definition's subject ends: "X, often called…", "X is…", "X (abbr.)…", "X — …".
const SUBJECT_BOUNDARY = /,|:|\s\(|\s[—–]\s|\s(?:is|are|was|were|refers to)\s/i;
const LEADING_QUOTES_AND_PUNCTUATION = /^[\s"'“”‘’«».,;:!?…\-–—]+/u;
const TRAILING_QUOTES_AND_PUNCTUATION = /[\s"'“”‘’«».,;:!?…\-–—]+$/u;

type SourceBlock = { text: string; headingLike: boolean; forcedParagraph: boolean };

export function importPlainText(source: string, options: ImportOptions = {}): ImportedDocument {
  const sourceBlocks = splitIntoBlocks(normalizeLines(source));
  const { kept, dropped } = removeBoilerplate(sourceBlocks);
  const typedBlocks = classifyHeadings(kept);
  const { title, body } = extractTitle(typedBlocks, options.title);
  const { text, blocks } = layoutBlocks(body);
  return { title, text, blocks, dropped };
}

/** NFC, LF line breaks, single spaces, trimmed lines; typographic characters stay as they are. */
export function normalizeLines(source: string): string[] {
  return source
    .normalize("NFC")
    .replace(/^\uFEFF/, "")
    .replace(LINE_BREAK, "\n")
    .split("\n")
    .map((line) => line.replace(INLINE_WHITESPACE_RUN, " ").trim());
}

/**
 * A heading looks like a label, not a sentence: short, no closing punctuation, starting with a
 * letter or digit. Whether it really is a heading also depends on what follows it.
 */
export function isHeadingLike(line: string): boolean {
  return (
    line.length <= MAX_HEADING_LENGTH &&
    countWords(line) <= MAX_HEADING_WORDS &&
    /^[\p{L}\p{N}]/u.test(line) &&
    !ENDS_WITH_CLOSING_PUNCTUATION.test(line)
  );
}

function countWords(text: string): number {
  return text.split(" ").filter((word) => word.length > 0).length;
}

// Text that continues in lower case is the rest of a sentence (hard-wrapped prose), so the
// line before it cannot be a heading.
function startsWithLowercase(text: string): boolean {
  return /^\p{Ll}/u.test(text);
}

function splitIntoBlocks(lines: readonly string[]): SourceBlock[] {
  const contentLines = trimBlankEdges(lines);
  const hasBlankLines = contentLines.includes("");
  if (!hasBlankLines) return contentLines.map((line) => sourceBlock(line));
  return groupIntoChunks(contentLines).flatMap(chunkToBlocks);
}

function trimBlankEdges(lines: readonly string[]): string[] {
  const first = lines.findIndex((line) => line !== "");
  if (first === -1) return [];
  const last = lines.findLastIndex((line) => line !== "");
  return lines.slice(first, last + 1);
}

function groupIntoChunks(lines: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line !== "") {
      current.push(line);
    } else if (current.length > 0) {
      chunks.push(current);
      current = [];
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

// A chunk that opens with a heading-like line directly above its body ("Origin\nThe concept…")
// is a heading plus a paragraph; any other chunk is one paragraph of wrapped lines.
function chunkToBlocks(chunk: readonly string[]): SourceBlock[] {
  const [firstLine, ...rest] = chunk;
  if (firstLine === undefined) return [];
  const body = rest.join(" ");
  if (rest.length > 0 && isHeadingLike(firstLine) && !startsWithLowercase(body)) {
    return [sourceBlock(firstLine), { ...sourceBlock(body), forcedParagraph: true }];
  }
  return [sourceBlock(chunk.join(" "))];
}

function sourceBlock(text: string): SourceBlock {
  return { text, headingLike: isHeadingLike(text), forcedParagraph: false };
}

function removeBoilerplate(blocks: readonly SourceBlock[]): { kept: SourceBlock[]; dropped: DroppedBlock[] } {
  const { leadingCount, trailingStart, scores } = findBoilerplateRegions(blocks);
  const dropped: DroppedBlock[] = [];
  blocks.forEach((block, index) => {
    const position = index < leadingCount ? "leading" : index >= trailingStart ? "trailing" : undefined;
    const score = scores[index];
    if (position === undefined || score === undefined) return;
    dropped.push({
      text: block.text,
      position,
      score: score.score,
      reason: `${position} boilerplate (${score.terms.join(", ")})`,
    });
  });
  return { kept: blocks.slice(leadingCount, trailingStart), dropped };
}

/**
 * A heading-like block is a heading only when body text follows it; otherwise it is a short
 * paragraph. Classified back to front because each decision depends on the next block's type.
 */
function classifyHeadings(blocks: readonly SourceBlock[]): BlockContent[] {
  const typed: BlockContent[] = [];
  let next: BlockContent | undefined;
  for (let index = blocks.length - 1; index >= 0; index--) {
    const block = blocks[index];
    if (block === undefined) continue;
    const current: BlockContent = { type: headingOrParagraph(block, next), text: block.text };
    typed.unshift(current);
    next = current;
  }
  return typed;
}

function headingOrParagraph(block: SourceBlock, next: BlockContent | undefined): BlockType {
  const introducesBody = next !== undefined && next.type === "paragraph" && !startsWithLowercase(next.text);
  return !block.forcedParagraph && block.headingLike && introducesBody ? "heading" : "paragraph";
}

function extractTitle(
  blocks: readonly BlockContent[],
  givenTitle: string | undefined,
): { title: string; body: readonly BlockContent[] } {
  const explicitTitle = givenTitle?.trim();
  if (explicitTitle) return { title: explicitTitle, body: blocks };
  const [first, ...rest] = blocks;
  if (first === undefined) return { title: UNTITLED_DOCUMENT, body: blocks };
  if (first.type === "heading") return { title: first.text, body: rest };
  return { title: titleFromLead(first.text), body: blocks };
}

/**
 * Encyclopedic and news leads name their subject first ("Intestinal permeability, often
 * termed…"), so the text up to the first subject boundary makes a good title; when that is
 * too long to be a name, the opening words of the lead sentence stand in.
 */
export function titleFromLead(paragraph: string): string {
  const sentence = leadSentence(paragraph);
  const boundary = SUBJECT_BOUNDARY.exec(sentence);
  const subject = stripQuotesAndPunctuation(boundary ? sentence.slice(0, boundary.index) : sentence);
  const subjectWords = countWords(subject);
  if (subjectWords >= 1 && subjectWords <= MAX_SUBJECT_TITLE_WORDS) return upperCaseFirstLetter(subject);
  return openingWords(sentence) || UNTITLED_DOCUMENT;
}

function leadSentence(paragraph: string): string {
  return LEAD_SENTENCE.exec(paragraph)?.[0] ?? paragraph;
}

function openingWords(sentence: string): string {
  const words = sentence.split(" ").filter((word) => word.length > 0);
  const truncated = words.length > MAX_SUBJECT_TITLE_WORDS;
  const opening = stripQuotesAndPunctuation(words.slice(0, MAX_SUBJECT_TITLE_WORDS).join(" "));
  if (opening === "") return "";
  return upperCaseFirstLetter(opening) + (truncated ? "…" : "");
}

function stripQuotesAndPunctuation(text: string): string {
  return text.replace(LEADING_QUOTES_AND_PUNCTUATION, "").replace(TRAILING_QUOTES_AND_PUNCTUATION, "");
}

function upperCaseFirstLetter(text: string): string {
  const firstCodePoint = text.codePointAt(0);
  if (firstCodePoint === undefined) return text;
  const firstCharacter = String.fromCodePoint(firstCodePoint);
  return firstCharacter.toUpperCase() + text.slice(firstCharacter.length);
}
