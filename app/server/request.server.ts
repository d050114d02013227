/** The client address as seen by the server (set by server.ts from the socket). */
export function clientIp(request: Request): string | null {
  return request.headers.get("x-tracker-client-ip");
}
