// Detects web-page chrome (cookie banners, consent dialogs, newsletter prompts) that comes
// along when an article is copied from a browser. A general scored rule, never exact sentences.

type BoilerplateTerm = { pattern: RegExp; weight: number };

// Vocabulary typical of consent, tracking and subscription prompts. Terms that are almost
// never used by the article itself weigh more; everyday words weigh 1 so they only count
// when they cluster together.
const BOILERPLATE_VOCABULARY: readonly BoilerplateTerm[] = [
  { pattern: /\bcookies?\b/i, weight: 2 },
  { pattern: /\bconsent(?:s|ed|ing)?\b/i, weight: 3 },
  { pattern: /\bpreferences?\b/i, weight: 2 },
  { pattern: /\bnewsletters?\b/i, weight: 3 },
  { pattern: /\b(?:un)?subscri(?:be[sd]?|bing|ptions?)\b/i, weight: 2 },
  { pattern: /\bprivacy polic(?:y|ies)\b/i, weight: 2 },
  { pattern: /\b(?:accept|reject) all\b/i, weight: 3 },
  { pattern: /\bopt[- ]out\b/i, weight: 2 },
  { pattern: /\bterms of (?:use|service)\b/i, weight: 2 },
  { pattern: /\bpersonali[sz]\w*/i, weight: 1 },
  { pattern: /\bmarketing\b/i, weight: 1 },
  { pattern: /\banaly(?:tics|[sz]e[sd]?|[sz]ing)\b/i, weight: 1 },
  { pattern: /\btrack(?:s|ed|ing|ers?)?\b/i, weight: 1 },
  { pattern: /\badvertis\w*/i, weight: 1 },
  { pattern: /\bpromotions?\b/i, weight: 1 },
  { pattern: /\bour (?:web)?sites?\b/i, weight: 1 },
  { pattern: /\bvisitors?\b/i, weight: 1 },
  { pattern: /\btraffic\b/i, weight: 1 },
  { pattern: /\bmanage your\b/i, weight: 1 },
  { pattern: /\bwe use\b/i, weight: 1 },
  { pattern: /\bthird[- ]part(?:y|ies)\b/i, weight: 1 },
  { pattern: /\bsign[- ]?up\b/i, weight: 1 },
  { pattern: /\binbox(?:es)?\b/i, weight: 1 },
];

// A block is STRONG boilerplate only when the vocabulary is both plentiful and dense, so a
// long on-topic paragraph that mentions a privacy policy in passing is never mistaken for it.
export const STRONG_MIN_SCORE = 4;
export const STRONG_MIN_DENSITY_PER_100_WORDS = 8;
export const WEAK_MIN_SCORE = 1;

export type BoilerplateStrength = "none" | "weak" | "strong";

export type BoilerplateScore = {
  score: number;
  /** Score per 100 words. */
  density: number;
  strength: BoilerplateStrength;
  /** The matched wording of each term, in reading order, for human-readable reasons. */
  terms: string[];
};

export type BoilerplateCandidate = { text: string; headingLike: boolean };

export type BoilerplateRegions = {
  /** Blocks [0, leadingCount) are leading boilerplate. */
  leadingCount: number;
  /** Blocks [trailingStart, length) are trailing boilerplate. */
  trailingStart: number;
  scores: BoilerplateScore[];
};

export function scoreBoilerplate(text: string): BoilerplateScore {
  const matches: { index: number; wording: string; weight: number }[] = [];
  for (const term of BOILERPLATE_VOCABULARY) {
    // Each distinct term counts once per block: repetition says little, variety says a lot.
    const match = term.pattern.exec(text);
    if (match) matches.push({ index: match.index, wording: match[0].toLowerCase(), weight: term.weight });
  }
  matches.sort((a, b) => a.index - b.index);
  const score = matches.reduce((sum, match) => sum + match.weight, 0);
  const density = (score * 100) / Math.max(countWords(text), 1);
  return { score, density, strength: strengthOf(score, density), terms: matches.map((match) => match.wording) };
}

/**
 * Finds the boilerplate at both ends of a document. Boilerplate is judged only at the edges:
 * a run of suspicious blocks is anchored by at least one STRONG block, and the WEAK blocks on
 * the far side of it (towards the page edge) go with it. Never drops every block.
 */
export function findBoilerplateRegions(blocks: readonly BoilerplateCandidate[]): BoilerplateRegions {
  const scores = blocks.map((block) => scoreBoilerplate(block.text));
  const strengths = scores.map((score) => score.strength);
  const leadingCount = leadingRegionLength(strengths);
  const trailingStart = trailingRegionStart(strengths, blocks);
  const wouldDropEverything = leadingCount >= trailingStart;
  if (wouldDropEverything) return { leadingCount: 0, trailingStart: blocks.length, scores };
  return { leadingCount, trailingStart, scores };
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

function strengthOf(score: number, density: number): BoilerplateStrength {
  if (score >= STRONG_MIN_SCORE && density >= STRONG_MIN_DENSITY_PER_100_WORDS) return "strong";
  if (score >= WEAK_MIN_SCORE) return "weak";
  return "none";
}

/** Maximal prefix of at-least-WEAK blocks, trimmed back to its last STRONG block. */
function leadingRegionLength(strengths: readonly BoilerplateStrength[]): number {
  let lastStrong = -1;
  for (let index = 0; index < strengths.length && strengths[index] !== "none"; index++) {
    if (strengths[index] === "strong") lastStrong = index;
  }
  return lastStrong + 1;
}

/** Maximal suffix of at-least-WEAK blocks, trimmed forward to its first STRONG block. */
function trailingRegionStart(
  strengths: readonly BoilerplateStrength[],
  blocks: readonly BoilerplateCandidate[],
): number {
  let firstStrong = strengths.length;
  for (let index = strengths.length - 1; index >= 0 && strengths[index] !== "none"; index--) {
    if (strengths[index] === "strong") firstStrong = index;
  }
  if (firstStrong === strengths.length) return firstStrong;
  return includeIntroducingHeadings(firstStrong, strengths, blocks);
}

// A heading introduces what follows it, so a suspicious heading-like line right before a
// trailing banner (e.g. a cookie-settings title) belongs to the banner, not to the article.
// No mirror rule for the leading side: a heading after a leading banner introduces the article.
function includeIntroducingHeadings(
  start: number,
  strengths: readonly BoilerplateStrength[],
  blocks: readonly BoilerplateCandidate[],
): number {
  let regionStart = start;
  while (regionStart > 0 && blocks[regionStart - 1]?.headingLike && strengths[regionStart - 1] !== "none") {
    regionStart--;
  }
  return regionStart;
}
