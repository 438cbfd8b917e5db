// Steps on the reading page: selecting words as a person would (mouse or keyboard),
// clicking a word, and reading back what the CSS Custom Highlight API painted.
import { expect, type Page } from "@playwright/test";

type Box = { left: number; right: number; top: number; bottom: number };

/** Screen boxes of the first and last character of `words` inside the document text. */
async function wordBoxes(page: Page, words: string): Promise<{ first: Box; last: Box }> {
  const boxes = await page.getByTestId("document-text").evaluate((root, needle) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf(needle);
      if (at < 0) continue;
      const box = (offset: number) => {
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        const rect = range.getClientRects()[0]!;
        return { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom };
      };
      return { first: box(at), last: box(at + needle.length - 1) };
    }
    return null;
  }, words);
  if (!boxes) throw new Error(`"${words}" is not in the document text`);
  return boxes;
}

export async function openSeedDocument(page: Page) {
  await page.goto("/documents/intestinal-permeability");
  await expectReaderSettled(page);
}

/**
 * The editor has taken over, the discussion has loaded and the live connection is up:
 * nothing on the page moves any more (a layout shift mid-drag would move a mouse selection).
 */
export async function expectReaderSettled(page: Page) {
  await expect(page.locator("[data-reader-state=interactive]")).toBeVisible();
  await expect(page.getByRole("feed", { name: "Annotation threads" })).toHaveAttribute("aria-busy", "false");
  await expect(page.locator(".live-status")).toHaveText(/^Live/);
}

export async function selectWithMouse(page: Page, words: string) {
  await page.getByTestId("document-text").getByText(words, { exact: false }).first().scrollIntoViewIfNeeded();
  const { first, last } = await wordBoxes(page, words);
  await page.mouse.move(first.left + 1, (first.top + first.bottom) / 2);
  await page.mouse.down();
  // Inside the last character's right half: the caret lands after it, with a margin for sub-pixel layout.
  await page.mouse.move(last.left + (last.right - last.left) * 0.7, (last.top + last.bottom) / 2, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByRole("toolbar", { name: "Annotate selection" })).toBeVisible();
}

/** From the caret, extends the selection over `words` with Shift+ArrowRight, as a keyboard reader does. */
export async function extendSelectionWithKeyboard(page: Page, words: string) {
  for (let i = 0; i < words.length; i++) await page.keyboard.press("Shift+ArrowRight");
}

/** Puts the caret at the start of the document text and selects its first `words` with the keyboard. */
export async function selectOpeningWithKeyboard(page: Page, words: string) {
  await page.getByTestId("document-text").focus();
  await page.keyboard.press("Control+Home");
  await extendSelectionWithKeyboard(page, words);
  await expect(page.getByRole("toolbar", { name: "Annotate selection" })).toBeVisible();
}

export async function clickWord(page: Page, words: string) {
  const { first } = await wordBoxes(page, words);
  await page.mouse.click(first.left + 2, (first.top + first.bottom) / 2);
}

/** The text of every painted highlight range, per color. */
export async function paintedHighlights(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const painted: Record<string, string[]> = {};
    CSS.highlights.forEach((highlight, name) => {
      painted[name] = [...highlight].map((range) => range.toString());
    });
    return painted;
  });
}

export function thread(page: Page, author: string, kind: "Highlight" | "Comment" | "Note") {
  return page.getByRole("article", { name: `${kind} by ${author}` });
}
