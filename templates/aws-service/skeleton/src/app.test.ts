import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { handle } from './app.js';

describe('${{ values.name }}', () => {
  let server: Server;
  let base: string;

  before(async () => {
    server = createServer(handle);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => new Promise<void>(resolve => server.close(() => resolve())));

  it('answers the health check', async () => {
    const res = await fetch(`${base}/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('answers 404 for unknown paths', async () => {
    const res = await fetch(`${base}/nothing-here`);
    assert.equal(res.status, 404);
  });

  it('rejects methods other than GET and HEAD', async () => {
    const res = await fetch(`${base}/health`, { method: 'POST' });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET, HEAD');
  });
});
