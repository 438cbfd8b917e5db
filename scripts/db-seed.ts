// `npm run db:seed`: the canonical document and the demo accounts.
import { disconnectDb } from "@/server/db/client";
import { printDemoSummary } from "./print-demo-summary";
import { seedDemoData } from "@/server/seed/seed-demo-data";

const seeded = await seedDemoData();
printDemoSummary(seeded);
await disconnectDb();
