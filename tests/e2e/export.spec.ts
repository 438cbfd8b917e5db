// Exporting as a reader does: open the export menu from the document page, download the
// notes, and find in the file exactly the threads shown in the sidebar; the menu follows
// the sidebar's filters and works from the keyboard.
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectNoSeriousAxeViolations, signIn } from "./support";
import { openSeedDocument } from "./reader-support";

type ShownThread = { label: string; quote: string | null; body: string | null };

/** The threads in the sidebar as a reader sees them: "Kind by Author", quoted passage, comment. */
async function threadsOnScreen(page: Page): Promise<ShownThread[]> {
  const sidebar = page.getByRole("complementary", { name: "Annotations" });
  await expect(sidebar.getByRole("article").first()).toBeVisible();
  return sidebar.getByRole("article").evaluateAll((articles) =>
    articles.map((article) => ({
      label: article.getAttribute("aria-label") ?? "",
      quote: article.querySelector(".quote-text")?.textContent ?? null,
      body: article.querySelector<HTMLElement>(".entry-body")?.innerText ?? null,
    })),
  );
}

async function download(page: Page, item: string): Promise<{ name: string; text: string }> {
  const downloading = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: item }).click();
  const file = await downloading;
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, "utf8") };
}

const KIND_LABEL: Record<string, string> = { highlight: "Highlight", comment: "Comment", note: "Note" };

test.describe("exporting annotated notes", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, DEMO.email, DEMO.password);
    await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
    await openSeedDocument(page);
  });

  test("the CSV and Markdown downloads hold the threads shown on screen", async ({ page }) => {
    const shown = await threadsOnScreen(page);
    expect(shown.length).toBeGreaterThan(0);

    await page.getByRole("button", { name: "Export notes" }).click();
    await expect(page.getByRole("menu", { name: "Export notes" })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    const csv = await download(page, "Spreadsheet (.csv)");
    expect(csv.name).toBe("intestinal-permeability-annotations.csv");
    const rows = parse(csv.text, { bom: true, columns: true }) as Array<Record<"parent_id" | "kind" | "author" | "quote" | "body", string>>;
    const roots = rows.filter((row) => row.parent_id === "");
    const exported = roots.map((row) => ({
      label: `${KIND_LABEL[row.kind]} by ${row.author}`,
      quote: row.quote === "" ? null : row.quote.length > 160 ? `${row.quote.slice(0, 160)}…` : row.quote,
    }));
    // The sidebar is virtualized: the cards in the DOM are the first threads, and its heading counts them all.
    expect(exported.slice(0, shown.length)).toEqual(shown.map(({ label, quote }) => ({ label, quote })));
    await expect(page.getByRole("heading", { name: /^Discussion/ })).toHaveText(`Discussion ${roots.length}`);
    // The sidebar renders lists as HTML and the CSV as "1. item" lines: compare the words.
    const words = (text: string) => text.replace(/[^\p{L}]+/gu, " ").trim();
    for (const thread of shown.filter((item) => item.body)) {
      expect(roots.map((row) => words(row.body))).toContain(words(thread.body!));
    }

    await page.getByRole("button", { name: "Export notes" }).click();
    const markdown = await download(page, "Markdown study notes (.md)");
    expect(markdown.name).toBe("intestinal-permeability-annotations.md");
    expect(markdown.text).toMatch(/^# Intestinal permeability\n\nRevision 1 · /);
    expect(markdown.text.match(/^\*\*(Highlight|Comment|Note)\*\*/gm)).toHaveLength(roots.length);
  });

  test("the menu works from the keyboard and exports only what the filters show", async ({ page }) => {
    await page.getByText("Filter and search").click();
    await page.getByLabel("Kind").selectOption("note");
    const shown = await threadsOnScreen(page);
    expect(shown.every((thread) => thread.label.startsWith("Note by"))).toBe(true);

    const menuButton = page.getByRole("button", { name: "Export notes" });
    await menuButton.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("menuitem", { name: "Markdown study notes (.md)" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("menuitem", { name: "Spreadsheet (.csv)" })).toBeFocused();
    const downloading = page.waitForEvent("download");
    await page.keyboard.press("Enter");
    const rows = parse(await readFile((await (await downloading).path())!, "utf8"), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.filter((row) => row.parent_id === "").map((row) => `Note by ${row.author}`)).toEqual(shown.map((thread) => thread.label));

    await menuButton.focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("menu", { name: "Export notes" })).toBeHidden();
    await expect(menuButton).toBeFocused();
  });
});

test.describe("the printable page", () => {
  test("opens in a new tab with the highlights and numbered notes, and prints to PDF", async ({ page }) => {
    await signIn(page, DEMO.email, DEMO.password);
    await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
    await openSeedDocument(page);
    const shown = await threadsOnScreen(page);

    await page.getByRole("button", { name: "Export notes" }).click();
    const opening = page.waitForEvent("popup");
    await page.getByRole("menuitem", { name: "Printable page (opens in a new tab)" }).click();
    const printable = await opening;
    await expect(printable.getByRole("heading", { level: 1 })).toHaveText("Intestinal permeability");
    const firstQuote = shown.find((thread) => thread.quote)!.quote!;
    await expect(printable.locator("mark").first()).toBeVisible();
    await expect(printable.getByRole("listitem").filter({ hasText: firstQuote.replace(/…$/, "") }).first()).toBeVisible();
    await printable.emulateMedia({ media: "print" });
    const pdf = await printable.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });
});

test.describe("importing annotations", () => {
  test("a Hypothesis-style file: the dialog reports what anchored, and the new thread appears", async ({ page }) => {
    await signIn(page, DEMO.email, DEMO.password);
    await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
    await openSeedDocument(page);
    // A fresh source id each run, so a re-run imports it again instead of reporting it skipped.
    const run = Date.now();
    const file = [
      {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        type: "Annotation",
        id: `https://hypothes.is/a/e2e-${run}-typo`,
        body: [{ type: "TextualBody", value: `Imported note ${run}`, format: "text/markdown" }],
        target: [{ source: "https://example.org/", selector: [{ type: "TextQuoteSelector", exact: "the integrity of the tigth junctions" }] }],
      },
      {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        type: "Annotation",
        id: `https://hypothes.is/a/e2e-${run}-absent`,
        body: [{ type: "TextualBody", value: "Nowhere in this text" }],
        target: [{ source: "https://example.org/", selector: [{ type: "TextQuoteSelector", exact: "a sentence that this article never contains at all" }] }],
      },
    ];

    await page.getByRole("button", { name: "Import annotations" }).click();
    const dialog = page.getByRole("dialog", { name: "Import annotations" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("File").setInputFiles({ name: "hypothesis.jsonld", mimeType: "application/ld+json", buffer: Buffer.from(JSON.stringify(file)) });
    await dialog.getByLabel("Import into").selectOption({ label: "Only me" });
    await dialog.getByRole("button", { name: "Import", exact: true }).click();
    await expect(dialog.getByRole("status")).toContainText("1 created (1 of them found only approximately) · 1 not attached · 0 already imported");
    await expectNoSeriousAxeViolations(page);
    await dialog.getByRole("button", { name: "Close" }).click();

    const imported = page.getByRole("article", { name: `Comment by ${DEMO.name}` }).filter({ hasText: `Imported note ${run}` });
    await expect(imported).toBeVisible();
    await expect(imported).toContainText("the integrity of the tight junctions");
  });
});
