import { describe, expect, it } from "vitest";
import { namedStatement } from "@/server/db/named-statement";

describe("namedStatement", () => {
  it("names a statement by its purpose and its text, and passes the values through", () => {
    const first = namedStatement("insert-things", "INSERT INTO things VALUES ($1)")([1]);
    const again = namedStatement("insert-things", "INSERT INTO things VALUES ($1)")([2]);
    expect(first.name).toMatch(/^insert-things-[0-9a-f]{12}$/);
    expect(again.name).toBe(first.name);
    expect(first).toMatchObject({ text: "INSERT INTO things VALUES ($1)", values: [1] });
  });

  it("gives another text under the same purpose another name (pg refuses one name for two texts)", () => {
    const before = namedStatement("insert-things", "INSERT INTO things VALUES ($1)")([]);
    const after = namedStatement("insert-things", "INSERT INTO things (id) VALUES ($1)")([]);
    expect(after.name).not.toBe(before.name);
  });
});
