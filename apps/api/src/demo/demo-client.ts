/** A small HTTP client for the demo: every call shows what a real client would send and get. */
export class DemoClient {
  constructor(
    private readonly baseUrl: string,
    private readonly log: (line: string) => void,
  ) {}

  async call<T = any>(method: string, path: string, token: string | null, body?: unknown, idempotencyKey?: string): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : null;
    this.log(`${method} ${path} → ${response.status}`);
    if (response.status >= 400) throw new Error(`${method} ${path} failed with ${response.status}: ${text}`);
    return { status: response.status, body: parsed as T };
  }
}
