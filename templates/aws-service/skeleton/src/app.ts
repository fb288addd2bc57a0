import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the service answers; no framework, no runtime dependencies. */
export function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
    return;
  }
  switch (url.pathname) {
    // Load balancer target health check and container health check.
    case '/health':
      send(res, 200, { status: 'ok' });
      return;
    case '/':
      send(res, 200, { service: '${{ values.name }}', description: ${{ values.description | dump }} });
      return;
    default:
      send(res, 404, { error: 'not found' });
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}
