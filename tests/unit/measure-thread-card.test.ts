import { describe, expect, it } from "vitest";
import { cardOffset, ESTIMATED_CARD_HEIGHT, measureFromResizeObserver, placeCardsNow } from "@/components/annotations/measure-thread-card";

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

describe("placeCardsNow", () => {
  const styled = () => ({ style: {} as Record<string, string> });
  const items = [
    { key: "a", index: 0, start: 0, end: 212, size: 212, lane: 0 },
    { key: "b", index: 1, start: 212, end: 392, size: 180, lane: 0 },
    { key: "c", index: 2, start: 392, end: 572, size: 180, lane: 0 },
  ];

  it("moves every mounted card to its current start and sizes the list", () => {
    const cards = new Map([
      ["a", styled()],
      ["b", styled()],
    ]);
    const list = styled();
    const instance = { getVirtualItems: () => items, getTotalSize: () => 5_000, elementsCache: cards };
    placeCardsNow(instance as unknown as Parameters<typeof placeCardsNow>[0], list as unknown as ElementCSSInlineStyle);
    expect(cards.get("a")!.style.transform).toBe("translateY(0px)");
    expect(cards.get("b")!.style.transform).toBe(cardOffset(212));
    expect(list.style.height).toBe("5000px");
  });

  it("does nothing before the list is mounted", () => {
    const cards = new Map([["a", styled()]]);
    const instance = { getVirtualItems: () => items, getTotalSize: () => 5_000, elementsCache: cards };
    placeCardsNow(instance as unknown as Parameters<typeof placeCardsNow>[0], null);
    expect(cards.get("a")!.style.transform).toBeUndefined();
  });
});
