import fs from 'node:fs';

/** The fake WeChat's credentials: its app secret must never appear in a response. */
export const WECHAT = { appId: 'wx-test-app', secret: 'wx-test-secret-do-not-leak' };

/**
 * No response may carry a WeChat session_key, the app secret, an access token, a QR signing secret or a token
 * hash (both 64 hex characters), whatever the route. Every harness checks this on close.
 */
export function assertNoSecretsLeft(bodies: string[]): void {
  for (const body of bodies) {
    if (
      /SK-[\w-]*-secret==/.test(body) ||
      body.includes('ACCESS-TOKEN-') ||
      body.includes(WECHAT.secret) ||
      /(^|[^0-9a-fA-F])[0-9a-f]{64}([^0-9a-fA-F]|$)/.test(body)
    ) {
      throw new Error(`a response leaked a secret: ${body.slice(0, 300)}`);
    }
  }
}

/**
 * The same check over a server process's RESPONSE_LOG file (one JSON line per API response).
 * Returns how many responses it read, so a caller can tell the log was really written.
 */
export function assertResponseLogClean(file: string): number {
  if (!fs.existsSync(file)) return 0;
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const bodies: string[] = [];
  for (const line of lines) {
    const r = JSON.parse(line) as { body: string; headers: Record<string, unknown> };
    bodies.push(r.body, ...Object.values(r.headers).map(String));
  }
  assertNoSecretsLeft(bodies);
  return lines.length;
}
