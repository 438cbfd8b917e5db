// How the virtualized sidebar learns a thread card's height and places its cards.
import type { Virtualizer } from "@tanstack/react-virtual";

/** A card's height until the browser has laid it out. */
export const ESTIMATED_CARD_HEIGHT = 180;

type MeasuringVirtualizer<Card extends Element> = Pick<Virtualizer<HTMLDivElement, Card>, "itemSizeCache" | "indexFromElement"> & {
  options: Pick<Virtualizer<HTMLDivElement, Card>["options"], "getItemKey">;
};

/**
 * A card's height from its ResizeObserver entry only. The virtualizer's default reads
 * offsetHeight when a card mounts, which forces a layout inside React's commit: with the
 * discussion arriving that was the longest task of the page load. The observer reports
 * every new card after the browser's own layout, in the same frame, so nothing is lost
 * but the synchronous layout: until then a card counts as its last size or the estimate
 * (and placeCardsNow moves it before that frame is painted).
 */
export function measureFromResizeObserver<Card extends Element>(element: Card, entry: ResizeObserverEntry | undefined, instance: MeasuringVirtualizer<Card>): number {
  const box = entry?.borderBoxSize?.[0];
  if (box) return Math.round(box.blockSize);
  const key = instance.options.getItemKey(instance.indexFromElement(element));
  return instance.itemSizeCache.get(key) ?? ESTIMATED_CARD_HEIGHT;
}

type PlacingVirtualizer<Card extends ElementCSSInlineStyle & Element> = Pick<Virtualizer<HTMLDivElement, Card>, "getVirtualItems" | "getTotalSize" | "elementsCache">;

/** A card's place in the list, as the sidebar renders it and as placeCardsNow writes it. */
export const cardOffset = (start: number) => `translateY(${start}px)`;

/**
 * Moves the mounted cards (and sizes the list) to where the virtualizer now puts them.
 * Heights measured by the ResizeObserver arrive after layout and before paint, and React
 * re-renders with them only a task later: without this, the frame being painted would show
 * new cards at their estimated places, overlapping. React then writes the same values.
 */
export function placeCardsNow<Card extends ElementCSSInlineStyle & Element>(instance: PlacingVirtualizer<Card>, list: ElementCSSInlineStyle | null) {
  if (!list) return;
  for (const item of instance.getVirtualItems()) {
    const card = instance.elementsCache.get(item.key);
    if (card) card.style.transform = cardOffset(item.start);
  }
  list.style.height = `${instance.getTotalSize()}px`;
}
