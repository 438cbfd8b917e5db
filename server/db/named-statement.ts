// A named (prepared) statement: Postgres parses and plans it once per connection instead
// of on every call, which for the big statements on hot paths is most of their cost.
// The name carries a hash of the text: two copies of the code (Next's bundle and the
// custom server's own modules share one pool) or two versions during a deploy can never
// send different text under one name, which pg refuses.
import { createHash } from "node:crypto";
import type pg from "pg";

export function namedStatement(purpose: string, text: string): (values: unknown[]) => pg.QueryConfig {
  const name = `${purpose}-${createHash("sha256").update(text).digest("hex").slice(0, 12)}`;
  return (values) => ({ name, text, values });
}
