/*
 * A GitHub for tests, without internet: one local HTTP server that answers the REST API with
 * msw request handlers (users, repository creation, branch protection, file contents), and
 * serves the repositories it creates, real bare git repositories in a folder, over git's smart
 * HTTP protocol through `git http-backend`, so `publish:github` really pushes (isomorphic-git)
 * and a test can read what landed with git itself.
 *
 * The same server backs the Jest test of the published templates (publish.test.ts, in-process)
 * and the Chromium end-to-end test (started by playwright.config.ts through fakeGitHubServer.ts),
 * where the portal's backend is another process and reaches it over HTTP.
 */
import { execFileSync, spawn } from 'child_process';
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import { getResponse, http as mock, HttpResponse } from 'msw';

/** @internal */
export type FakeGitHub = Awaited<ReturnType<typeof startFakeGitHub>>;

/** @internal */
export type FakeGitHubCall = { method: string; path: string; body?: any };

/** Serves `/git/<owner>/<repo>.git/...` from `root` through git http-backend (CGI). */
function gitHttpBackend(
  root: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const child = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: url.pathname.slice('/git'.length),
      REQUEST_METHOD: req.method,
      QUERY_STRING: url.search.replace(/^\?/, ''),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      // Set: git http-backend then accepts pushes (receive-pack).
      REMOTE_USER: 'x-access-token',
      REMOTE_ADDR: '127.0.0.1',
    },
  });
  req.pipe(child.stdin);
  const out: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.on('close', () => {
    const all = Buffer.concat(out);
    const end = all.indexOf('\r\n\r\n');
    const head = all.subarray(0, end).toString('utf8');
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.split('\r\n')) {
      const [name, ...rest] = line.split(':');
      const value = rest.join(':').trim();
      if (name.toLowerCase() === 'status') status = parseInt(value, 10);
      else headers[name] = value;
    }
    res.writeHead(status, headers).end(all.subarray(end + 4));
  });
}

/** A node request as a Fetch `Request` on `base`, for msw's `getResponse`. */
async function toFetchRequest(req: http.IncomingMessage, base: string) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    for (const v of [value ?? []].flat()) headers.append(name, v);
  const method = req.method ?? 'GET';
  return new Request(new URL(req.url ?? '/', base), {
    method,
    headers,
    body: ['GET', 'HEAD'].includes(method) ? undefined : Buffer.concat(chunks),
  });
}

/**
 * The fake's REST API (and the pages its html_url links open) as msw handlers, for the
 * repositories under `root`, with every REST call recorded in `calls`.
 */
function fakeGitHubHandlers(options: {
  root: string;
  base: string;
  calls: FakeGitHubCall[];
}) {
  const { root, base, calls } = options;
  const apiBaseUrl = `${base}/api/v3`;
  const gitDir = (owner: string, repo: string) =>
    path.join(root, owner, `${repo}.git`);
  const git = (owner: string, repo: string, ...args: string[]) =>
    execFileSync('git', ['--git-dir', gitDir(owner, repo), ...args], {
      encoding: 'utf8',
    });
  const show = (owner: string, repo: string, ref: string, file: string) => {
    try {
      return new HttpResponse(git(owner, repo, 'show', `${ref}:${file}`));
    } catch {
      return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
    }
  };

  const record = async (request: Request) => {
    const text = request.method === 'GET' ? '' : await request.text();
    calls.push({
      method: request.method,
      path: new URL(request.url).pathname.slice('/api/v3'.length),
      body: text ? JSON.parse(text) : undefined,
    });
    return calls[calls.length - 1];
  };

  const handlers = [
    mock.get(`${apiBaseUrl}/users/:owner`, async ({ request, params }) => {
      await record(request);
      return HttpResponse.json({ login: params.owner, type: 'Organization' });
    }),
    mock.post(
      `${apiBaseUrl}/orgs/:owner/repos`,
      async ({ request, params }) => {
        const { body } = await record(request);
        const owner = String(params.owner);
        if (fs.existsSync(gitDir(owner, body.name)))
          return HttpResponse.json(
            { message: 'Repository creation failed: name already exists' },
            { status: 422 },
          );
        execFileSync('git', [
          'init',
          '--quiet',
          '--bare',
          '--initial-branch=main',
          gitDir(owner, body.name),
        ]);
        return HttpResponse.json(
          {
            name: body.name,
            full_name: `${owner}/${body.name}`,
            private: body.private,
            html_url: `${base}/${owner}/${body.name}`,
            clone_url: `${base}/git/${owner}/${body.name}.git`,
          },
          { status: 201 },
        );
      },
    ),
    mock.put(
      `${apiBaseUrl}/repos/:owner/:repo/branches/:branch/protection`,
      async ({ request }) => {
        const { body } = await record(request);
        return HttpResponse.json(body);
      },
    ),
    // What the catalog's GitHub URL reader asks for: the file at a ref, raw.
    mock.get(
      `${apiBaseUrl}/repos/:owner/:repo/contents/*`,
      async ({ request, params }) => {
        await record(request);
        const url = new URL(request.url);
        return show(
          String(params.owner),
          String(params.repo),
          url.searchParams.get('ref') ?? 'main',
          url.pathname.split('/contents/')[1],
        );
      },
    ),
    mock.all(`${apiBaseUrl}/*`, async ({ request }) => {
      await record(request);
      return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
    }),
    // rawBaseUrl (raw.githubusercontent.com): /raw/<owner>/<repo>/<ref>/<path>.
    mock.get(`${base}/raw/:owner/:repo/:ref/*`, ({ request, params }) =>
      show(
        String(params.owner),
        String(params.repo),
        String(params.ref),
        new URL(request.url).pathname.split('/').slice(5).join('/'),
      ),
    ),
    // The repository's page (html_url), so its link opens something: the files on main.
    mock.get(`${base}/:owner/:repo`, ({ params }) => {
      const owner = String(params.owner);
      const repo = String(params.repo);
      if (!fs.existsSync(gitDir(owner, repo)))
        return new HttpResponse('Not Found', { status: 404 });
      let files: string[] = [];
      try {
        files = git(owner, repo, 'ls-tree', '-r', '--name-only', 'main')
          .split('\n')
          .filter(Boolean);
      } catch {
        // empty repository: nothing on main yet
      }
      const escape = (s: string) =>
        s.replace(/[&<>"]/g, c => `&#${c.charCodeAt(0)};`);
      return HttpResponse.html(
        `<!doctype html><title>${escape(`${owner}/${repo}`)}</title>` +
          `<h1>${escape(`${owner}/${repo}`)} (fake GitHub)</h1>` +
          `<ul>${files.map(f => `<li>${escape(f)}</li>`).join('')}</ul>`,
      );
    }),
  ];
  return { handlers, git };
}

/**
 * Starts the fake GitHub on `port` (default: any free port), keeping its repositories in
 * `root` (default: a new temporary folder, removed by `stop`). `host` (localhost:port) is the
 * integration's host, `apiBaseUrl` its REST API and `rawBaseUrl` its raw file URLs. Every REST
 * call is recorded in `calls`; unknown API routes answer 404.
 *
 * @internal
 */
export async function startFakeGitHub(
  options: { port?: number; root?: string } = {},
) {
  const root =
    options.root ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fake-github-'));
  fs.mkdirSync(root, { recursive: true });
  const calls: FakeGitHubCall[] = [];
  // Listen first: the handlers' URLs carry the port.
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, resolve);
  });
  const host = `localhost:${(server.address() as AddressInfo).port}`;
  const base = `http://${host}`;
  const { handlers, git } = fakeGitHubHandlers({ root, base, calls });

  server.on('request', (req, res) => {
    if ((req.url ?? '').startsWith('/git/')) {
      gitHttpBackend(root, req, res);
      return;
    }
    (async () => {
      const response = await getResponse(
        handlers,
        await toFetchRequest(req, base),
      );
      if (!response) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
        return;
      }
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch(error => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });

  return {
    host,
    apiBaseUrl: `${base}/api/v3`,
    rawBaseUrl: `${base}/raw`,
    root,
    token: 'fake-token',
    calls,
    /** Paths of the files on a branch of a repository the fake created. */
    files(owner: string, repo: string, ref = 'main'): string[] {
      return git(owner, repo, 'ls-tree', '-r', '--name-only', ref)
        .split('\n')
        .filter(Boolean);
    },
    show(owner: string, repo: string, file: string, ref = 'main'): string {
      return git(owner, repo, 'show', `${ref}:${file}`);
    },
    async stop() {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
      if (!options.root) fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
