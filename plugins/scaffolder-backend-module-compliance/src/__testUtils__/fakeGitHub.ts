/*
 * A GitHub for tests, without internet: its REST API is mocked at the HTTP layer with msw
 * (users, repository creation, branch protection, file contents), and the repositories it
 * creates are real bare git repositories in a temporary folder, served over git's smart HTTP
 * protocol by `git http-backend` behind a small node server, so `publish:github` really pushes
 * (isomorphic-git) and a test can read what landed with git itself.
 */
import { execFileSync, spawn } from 'child_process';
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import { http as mock, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';

/** @internal */
export type FakeGitHub = Awaited<ReturnType<typeof startFakeGitHub>>;

/** Serves `/git/<owner>/<repo>.git/...` from `root` through git http-backend (CGI). */
function gitHttpBackend(root: string) {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/git/')) {
      res.writeHead(404).end();
      return;
    }
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
  });
}

/**
 * Starts the fake GitHub: `host` (localhost:port) is the integration's host, `apiBaseUrl` its
 * REST API. Every REST call is recorded in `calls`; unknown API routes answer 404.
 *
 * @internal
 */
export async function startFakeGitHub() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-github-'));
  const server = gitHttpBackend(root);
  await new Promise<void>(resolve => server.listen(0, resolve));
  const host = `localhost:${(server.address() as AddressInfo).port}`;
  const base = `http://${host}`;
  const apiBaseUrl = `${base}/api/v3`;
  const calls: Array<{ method: string; path: string; body?: any }> = [];
  const gitDir = (owner: string, repo: string) =>
    path.join(root, owner, `${repo}.git`);
  const git = (owner: string, repo: string, ...args: string[]) =>
    execFileSync('git', ['--git-dir', gitDir(owner, repo), ...args], {
      encoding: 'utf8',
    });

  const record = async (request: Request) => {
    const text = request.method === 'GET' ? '' : await request.text();
    calls.push({
      method: request.method,
      path: new URL(request.url).pathname.slice('/api/v3'.length),
      body: text ? JSON.parse(text) : undefined,
    });
    return calls[calls.length - 1];
  };

  const msw = setupServer(
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
        const owner = String(params.owner);
        const repo = String(params.repo);
        const file = new URL(request.url).pathname.split('/contents/')[1];
        const ref = new URL(request.url).searchParams.get('ref') ?? 'main';
        try {
          return new HttpResponse(git(owner, repo, 'show', `${ref}:${file}`));
        } catch {
          return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
        }
      },
    ),
    mock.all(`${apiBaseUrl}/*`, async ({ request }) => {
      await record(request);
      return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
    }),
  );
  msw.listen({ onUnhandledRequest: 'bypass' });

  return {
    host,
    apiBaseUrl,
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
      msw.close();
      await new Promise(resolve => server.close(resolve));
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
