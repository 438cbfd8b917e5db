// The export menu's links carry the sidebar's filters the export understands.
import { describe, expect, it } from "vitest";
import { exportUrl } from "@/lib/export/export-url";

describe("exportUrl", () => {
  it("carries the format and every filter the export understands", () => {
    const url = new URL(exportUrl("doc-1", "csv", { visibility: "private", authorId: "u1", tag: "exam & co", kind: "note", resolved: false }), "http://x");
    expect(url.pathname).toBe("/api/documents/doc-1/export");
    expect(Object.fromEntries(url.searchParams)).toEqual({ format: "csv", groupId: "private", authorId: "u1", tag: "exam & co", kind: "note", resolved: "false" });
  });

  it("leaves out filters that are not set", () => {
    expect(exportUrl("doc-1", "markdown")).toBe("/api/documents/doc-1/export?format=markdown");
  });
});
