// The socket.io endpoint on the app's own port authenticates its handshake.
import { expect, test } from "@playwright/test";
import { io } from "socket.io-client";
import { DEMO, signIn } from "./support";

function connect(baseURL: string, options: { cookie?: string; origin?: string }) {
  return new Promise<{ ok: boolean; error?: string; whoami?: unknown }>((resolve) => {
    const headers: Record<string, string> = {};
    if (options.cookie) headers.cookie = options.cookie;
    if (options.origin) headers.origin = options.origin;
    const socket = io(baseURL, { path: "/socket.io", transports: ["websocket"], extraHeaders: headers, reconnection: false });
    socket.on("connect", () => {
      socket.emit("session:whoami", (reply: unknown) => {
        socket.close();
        resolve({ ok: true, whoami: reply });
      });
    });
    socket.on("connect_error", (error) => {
      socket.close();
      resolve({ ok: false, error: error.message });
    });
  });
}

test("the socket accepts a signed-in reader and refuses anonymous and foreign-origin handshakes", async ({ page, baseURL }) => {
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

  const signedIn = await connect(baseURL!, { cookie, origin: baseURL });
  expect(signedIn.ok).toBe(true);
  expect(signedIn.whoami).toMatchObject({ ok: true, data: { email: DEMO.email } });

  expect(await connect(baseURL!, { origin: baseURL })).toEqual({ ok: false, error: "UNAUTHENTICATED" });
  expect((await connect(baseURL!, { cookie, origin: "https://evil.example" })).ok).toBe(false);
});
