// The demo accounts the seed creates (also listed on the sign-in page in demo mode).
export const DEMO_PASSWORD = "reading-together";
export const DEMO_ACCOUNTS = [
  { email: "ana@demo.marginalia.test", name: "Ana Lima" },
  { email: "ben@demo.marginalia.test", name: "Ben Okafor" },
  { email: "chen@demo.marginalia.test", name: "Dr. Mei Chen" }, // the group's instructor (owner)
] as const;
