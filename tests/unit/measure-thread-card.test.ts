import { describe, expect, it } from "vitest";
import { ESTIMATED_CARD_HEIGHT, measureFromResizeObserver } from "@/components/annotations/measure-thread-card";

/** A card whose layout must never be read: any offsetHeight access fails the test. */
function card(index: number) {
  return {
    dataset: { index: String(index) },
    get offsetHeight(): number {
      throw new Error("offsetHeight read: a forced layout");
    },
    getBoundingClientRect(): never {
      throw new Error("getBoundingClientRect read: a forced layout");
    },
  } as unknown as Element;
}

function virtualizer(sizes: Record<string, number>) {
  return {
    itemSizeCache: new Map(Object.entries(sizes)),
    indexFromElement: (element: Element) => Number((element as HTMLElement).dataset.index),
    options: { getItemKey: (index: number) => `thread-${index}` },
  };
}

const entry = (blockSize: number) => ({ borderBoxSize: [{ blockSize, inlineSize: 360 }] }) as unknown as ResizeObserverEntry;

describe("measureFromResizeObserver", () => {
  it("takes the height the ResizeObserver reports, rounded", () => {
    expect(measureFromResizeObserver(card(0), entry(212.6), virtualizer({}))).toBe(213);
  });

  it("without an observer entry, keeps the card's last measured height", () => {
    expect(measureFromResizeObserver(card(3), undefined, virtualizer({ "thread-3": 145 }))).toBe(145);
  });

  it("without an entry or a last height, counts the estimate, never reading layout", () => {
    expect(measureFromResizeObserver(card(7), undefined, virtualizer({ "thread-3": 145 }))).toBe(ESTIMATED_CARD_HEIGHT);
  });

  it("prefers the observer's fresh height over an older one", () => {
    expect(measureFromResizeObserver(card(3), entry(98), virtualizer({ "thread-3": 145 }))).toBe(98);
  });
});
