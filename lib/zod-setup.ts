// Zod compiles fast object parsers with `new Function`, which a strict CSP (no
// 'unsafe-eval') forbids and reports as a violation. Interpreted parsing is plenty
// fast for our payloads, so every schema module imports this first.
import { z } from "zod";

z.config({ jitless: true });
