// How the virtualized sidebar learns a thread card's height.
import type { Virtualizer } from "@tanstack/react-virtual";

/** A card's height until the browser has laid it out. */
export const ESTIMATED_CARD_HEIGHT = 180;

type MeasuringVirtualizer = Pick<Virtualizer<HTMLDivElement, Element>, "itemSizeCache" | "indexFromElement"> & {
  options: Pick<Virtualizer<HTMLDivElement, Element>["options"], "getItemKey">;
};

/**
 * A card's height from its ResizeObserver entry only. The virtualizer's default reads
 * offsetHeight when a card mounts, which forces a layout inside React's commit: with the
 * discussion arriving that was the longest task of the page load. The observer reports
 * every new card after the browser's own layout, in the same frame, so nothing is lost
 * but the synchronous layout: until then a card counts as its last size or the estimate.
 */
export function measureFromResizeObserver(element: Element, entry: ResizeObserverEntry | undefined, instance: MeasuringVirtualizer): number {
  const box = entry?.borderBoxSize?.[0];
  if (box) return Math.round(box.blockSize);
  const key = instance.options.getItemKey(instance.indexFromElement(element));
  return instance.itemSizeCache.get(key) ?? ESTIMATED_CARD_HEIGHT;
}
