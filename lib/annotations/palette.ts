// Highlight colors and the tag vocabulary every group starts with. Colors are names,
// not free CSS, so stored values can never inject style.
export const HIGHLIGHT_COLORS = ["yellow", "green", "blue", "pink", "purple", "orange"] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

export const DEFAULT_HIGHLIGHT_COLOR: HighlightColor = "yellow";

export const DEFAULT_TAG_VOCABULARY: ReadonlyArray<{ name: string; color: HighlightColor }> = [
  { name: "mechanism", color: "blue" },
  { name: "needs citation", color: "orange" },
  { name: "definition", color: "green" },
  { name: "question", color: "purple" },
  { name: "evidence", color: "yellow" },
  { name: "disagree", color: "pink" },
];

/** Human labels for the color picker (screen readers announce these). */
export const HIGHLIGHT_COLOR_LABELS: Record<HighlightColor, string> = {
  yellow: "Yellow",
  green: "Green",
  blue: "Blue",
  pink: "Pink",
  purple: "Purple",
  orange: "Orange",
};
