// Unit tests for the plain-text importer: normalization, blocks and offsets, headings, titles,
// and the scored boilerplate rule (against the seed article and small hand-written articles).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scoreBoilerplate } from "@/lib/document/boilerplate";
import {
  BLOCK_SEPARATOR,
  blockText,
  layoutBlocks,
  offsetFromProseMirrorPosition,
  proseMirrorPositionFromOffset,
} from "@/lib/document/canonical-text";
import { type ImportedDocument, importPlainText } from "@/lib/document/import-text";

const seed = readFileSync(join(process.cwd(), "content", "intestinal-permeability.txt"), "utf8");

function blocksOfType(document: ImportedDocument, type: "heading" | "paragraph"): string[] {
  return document.blocks.filter((block) => block.type === type).map((block) => blockText(document.text, block));
}

/** Offsets must slice the text to each block's content, with exactly one separator in between. */
function expectConsistentLayout(document: ImportedDocument): void {
  const contents = document.blocks.map((block) => blockText(document.text, block));
  expect(contents.join(BLOCK_SEPARATOR)).toBe(document.text);
  for (const [index, block] of document.blocks.entries()) {
    const content = contents[index] ?? "";
    expect(content.length).toBeGreaterThan(0);
    expect(content).toBe(content.trim());
    expect(content).not.toContain("\n");
    const next = document.blocks[index + 1];
    if (next) expect(document.text.slice(block.end, next.start)).toBe(BLOCK_SEPARATOR);
  }
  expect(document.blocks[0]?.start ?? 0).toBe(0);
  expect(document.blocks.at(-1)?.end ?? 0).toBe(document.text.length);
}

const paragraphs = (...chunks: string[]) => chunks.join("\n\n");

describe("importPlainText on the seed article", () => {
  const document = importPlainText(seed);

  it("derives the title from the lead sentence's subject", () => {
    expect(document.title).toBe("Intestinal permeability");
  });

  it("finds exactly the two section headings, in order", () => {
    expect(blocksOfType(document, "heading")).toEqual(["Origin", "Mechanism"]);
  });

  it("keeps exactly the lead, Origin body and Mechanism body as paragraphs", () => {
    const kept = blocksOfType(document, "paragraph");
    expect(kept).toHaveLength(3);
    expect(kept[0]).toMatch(/^Intestinal permeability, often colloquially termed/);
    expect(kept[1]).toMatch(/^The scientific concept has its roots/);
    expect(kept[2]).toMatch(/^The mechanism involves various factors/);
    expect(document.blocks.map((block) => block.type)).toEqual([
      "paragraph",
      "heading",
      "paragraph",
      "heading",
      "paragraph",
    ]);
  });

  it("drops the trailing cookie banner and reports every dropped block", () => {
    expect(document.text).not.toMatch(/cookie/i);
    expect(document.text).not.toContain("preferences");
    expect(document.dropped).toHaveLength(5);
    expect(document.dropped.every((dropped) => dropped.position === "trailing")).toBe(true);
    expect(document.dropped[0]?.text).toMatch(/^We use cookies/);
    expect(document.dropped[1]?.text).toBe("Detailed Cookie Preferences");
    expect(document.dropped[1]?.reason).toBe("trailing boilerplate (cookie, preferences)");
    for (const dropped of document.dropped) {
      expect(dropped.score).toBeGreaterThanOrEqual(1);
      expect(dropped.reason).toMatch(/^trailing boilerplate \(.+\)$/);
    }
  });

  it("lays blocks out with consistent offsets and exact separators", () => {
    expectConsistentLayout(document);
    expect(document.text.split(BLOCK_SEPARATOR)).toHaveLength(document.blocks.length);
  });

  it("keeps typographic characters untouched", () => {
    expect(document.text).toContain("“leaky gut,”");
    expect(document.text).toContain("gut’s profound influence");
  });
});

describe("importPlainText on articles without boilerplate", () => {
  const article = paragraphs(
    "The honeybee is a eusocial flying insect known for building colonies and producing honey.",
    "Foraging",
    "Worker bees travel several kilometres to collect nectar. They communicate the location of flowers with a waggle dance.",
    "A colony can survive the winter by clustering together and living on stored honey.",
  );

  it("drops nothing and derives the title from the lead", () => {
    const document = importPlainText(article);
    expect(document.dropped).toEqual([]);
    expect(document.title).toBe("The honeybee");
    expect(blocksOfType(document, "heading")).toEqual(["Foraging"]);
    expect(blocksOfType(document, "paragraph")).toHaveLength(3);
    expectConsistentLayout(document);
  });

  it("keeps a closing paragraph about baking cookies", () => {
    const document = importPlainText(
      paragraphs(
        "Oatmeal is a preparation of oats that have been rolled, crushed or ground into meal.",
        "Porridge made from oatmeal has been a staple breakfast in northern Europe for centuries.",
        "Last winter my daughter and I baked oatmeal cookies with raisins and shared them with our neighbours.",
      ),
    );
    expect(document.dropped).toEqual([]);
    expect(document.text).toContain("baked oatmeal cookies");
    expect(document.title).toBe("Oatmeal");
  });

  it("keeps a long on-topic paragraph that mentions a privacy policy in passing", () => {
    const closing =
      "Regulators have repeatedly found that organisations struggle to explain, in plain language, what " +
      "personal data they collect, for which purposes they process it, how long they retain it, and with " +
      "whom they share it. Supervisory authorities therefore encourage controllers to document each " +
      "processing activity, to appoint a data protection officer where the law requires one, to carry out " +
      "impact assessments before deploying risky systems, and to notify breaches within seventy-two hours. " +
      "Courts have also stressed that consent must be freely given, specific and informed, and that it " +
      "cannot be buried in a privacy policy.";
    const document = importPlainText(
      paragraphs(
        "Data protection is the body of law and practice that governs how personal information is collected and used.",
        "Principles",
        "Modern frameworks rest on lawfulness, fairness, transparency, purpose limitation and data minimisation.",
        closing,
      ),
    );
    const score = scoreBoilerplate(closing);
    expect(score.score).toBeGreaterThanOrEqual(4);
    expect(score.strength).toBe("weak");
    expect(document.dropped).toEqual([]);
    expect(document.text.endsWith("cannot be buried in a privacy policy.")).toBe(true);
    expect(document.title).toBe("Data protection");
  });
});

describe("importPlainText boilerplate at the start", () => {
  it("drops a leading newsletter and consent prompt", () => {
    const document = importPlainText(
      paragraphs(
        "Subscribe to our newsletter and get the best stories in your inbox. Sign up now.",
        "By continuing you accept all cookies and consent to our privacy policy.",
        "Tracking the seasons",
        "Phenology is the study of periodic events in biological life cycles, such as flowering and migration.",
      ),
    );
    expect(document.dropped.map((dropped) => dropped.position)).toEqual(["leading", "leading"]);
    expect(document.dropped[0]?.reason).toMatch(/^leading boilerplate \(subscribe, newsletter/);
    // The article's own heading mentions "tracking" but introduces the article, so it stays.
    expect(document.title).toBe("Tracking the seasons");
    expect(document.blocks).toHaveLength(1);
    expect(document.text).toMatch(/^Phenology is the study/);
  });

  it("never drops every block", () => {
    const document = importPlainText("We use cookies to personalize content and analyze our traffic.");
    expect(document.dropped).toEqual([]);
    expect(document.blocks).toHaveLength(1);
  });
});

describe("importPlainText titles", () => {
  const withTitleLine = "A Short History of Tea\nTea is an aromatic beverage made from the leaves of Camellia sinensis.\nIt originated in southwest China.";

  it("uses the given title verbatim (trimmed) and keeps all blocks", () => {
    const document = importPlainText(withTitleLine, { title: "  My reading notes  " });
    expect(document.title).toBe("My reading notes");
    expect(blocksOfType(document, "heading")).toEqual(["A Short History of Tea"]);
  });

  it("uses a first-line heading as the title and removes it from the blocks", () => {
    const document = importPlainText(withTitleLine);
    expect(document.title).toBe("A Short History of Tea");
    expect(document.text.startsWith("Tea is an aromatic beverage")).toBe(true);
    expect(document.blocks.every((block) => block.type === "paragraph")).toBe(true);
    expect(document.blocks).toHaveLength(2);
    expectConsistentLayout(document);
  });

  it("splits a blank-line chunk that opens with a heading into heading and paragraph", () => {
    const document = importPlainText(
      paragraphs(
        "Tea is an aromatic beverage made from cured leaves.",
        "Origins\nTea drinking began in China.\nIt spread along trade routes.",
      ),
    );
    expect(document.blocks.map((block) => blockText(document.text, block))).toEqual([
      "Tea is an aromatic beverage made from cured leaves.",
      "Origins",
      "Tea drinking began in China. It spread along trade routes.",
    ]);
    expect(blocksOfType(document, "heading")).toEqual(["Origins"]);
  });

  it("joins hard-wrapped prose instead of mistaking its first line for a heading", () => {
    const document = importPlainText(
      paragraphs("Tea is an aromatic beverage made\nfrom the cured leaves of a shrub.", "It is widely drunk."),
    );
    expect(document.blocks).toHaveLength(2);
    expect(blocksOfType(document, "heading")).toEqual([]);
    expect(document.title).toBe("Tea");
  });

  it("falls back to the opening words when the subject is too long to be a name", () => {
    const document = importPlainText(
      "Across the windswept northern moors of the old kingdom the shepherds gathered every spring to count their flocks.",
    );
    expect(document.title).toBe("Across the windswept northern moors of the old…");
  });

  it("falls back to a placeholder for empty input", () => {
    const document = importPlainText(" \r\n\t\n ");
    expect(document).toEqual({ title: "Untitled document", text: "", blocks: [], dropped: [] });
  });
});

describe("importPlainText normalization and offsets", () => {
  it("yields the same document for CRLF and LF input", () => {
    const lf = "Bees and flowers\n\nBees 🐝 visit\tflowers  for nectar.\n\nPollination 🌸🌼 follows.\n";
    const crlf = lf.replace(/\n/g, "\r\n");
    expect(importPlainText(crlf)).toEqual(importPlainText(lf));
  });

  it("counts non-BMP characters as UTF-16 code units", () => {
    const document = importPlainText("Bees 🐝 visit\u00A0flowers.\r\nPollination 🌸🌼 follows.\r\n", { title: "Bees" });
    expect(document.text).toBe("Bees 🐝 visit flowers.\n\nPollination 🌸🌼 follows.");
    expect(document.blocks).toEqual([
      // "Bees " (5) + 🐝 (2 code units) + " visit flowers." (15); then "\n\n";
      // "Pollination " (12) + 🌸🌼 (4 code units) + " follows." (9).
      { type: "paragraph", start: 0, end: 22 },
      { type: "paragraph", start: 24, end: 49 },
    ]);
    expect(Array.from(document.text)).toHaveLength(document.text.length - 3);
    expectConsistentLayout(document);
  });

  it("applies NFC and collapses inline whitespace while trimming lines", () => {
    const document = importPlainText("  Cafe\u0301   culture\u00A0\u00A0thrives  in\tcities. ", { title: "Cafés" });
    expect(document.text).toBe("Café culture thrives in cities.");
    expect(document.text).toHaveLength(31);
  });
});

describe("canonical text helpers", () => {
  it("lays out blocks joined by the separator", () => {
    const { text, blocks } = layoutBlocks([
      { type: "heading", text: "Origin" },
      { type: "paragraph", text: "Body." },
    ]);
    expect(text).toBe("Origin\n\nBody.");
    expect(blocks).toEqual([
      { type: "heading", start: 0, end: 6 },
      { type: "paragraph", start: 8, end: 13 },
    ]);
  });

  it("maps text offsets to ProseMirror positions and back", () => {
    // Flat doc "Origin" + "Body.": the second block's text starts after close + open tokens.
    expect(proseMirrorPositionFromOffset(0)).toBe(1);
    expect(proseMirrorPositionFromOffset(8)).toBe(1 + "Origin".length + 2);
    expect(offsetFromProseMirrorPosition(proseMirrorPositionFromOffset(13))).toBe(13);
  });
});
