// This tab's client id: sent with every write (REST header, socket handshake) so the
// server can spare this tab the echo of its own changes while the user's other tabs
// still receive them.
let clientId: string | null = null;

export function tabClientId(): string {
  clientId ??= crypto.randomUUID().replaceAll("-", "");
  return clientId;
}
