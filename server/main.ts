// Entry point of the production server: `npm start` (the quick start runs it too).
import { startAppServer } from "./app-server";

async function main() {
  let server: Awaited<ReturnType<typeof startAppServer>>;
  try {
    server = await startAppServer({ dev: process.argv.includes("--dev") });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  console.log(`Marginalia is ready on ${server.url}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal} received, shutting down…`);
    const forceExit = setTimeout(() => process.exit(1), 10_000);
    forceExit.unref();
    await server.close().catch((error: unknown) => console.error(error));
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

void main();
