import { ResponseError } from '@backstage/errors';
import createClient, { Client } from 'openapi-fetch';
import { paths } from '../generated/openapi';

/**
 * A client of the compliance REST API typed by its OpenAPI spec: paths, parameters, bodies
 * and answers come from `src/generated/openapi.ts` (openapi-fetch).
 *
 * @public
 */
export type ComplianceFetchClient = Client<paths>;

/**
 * The typed client for one base URL (`discovery.getBaseUrl('compliance')`). `fetch` lets the
 * frontend pass its fetchApi (which adds the Backstage token); `headers` lets a backend pass
 * its own token.
 *
 * openapi-fetch hands its fetch a built `Request`. A fetch that builds a new Request from it
 * (Backstage's fetchApi middleware does, to add the token) fails on a POST whose body stream
 * was taken ("Cannot construct a Request with a Request object that has already been used"),
 * so the caller's fetch gets a URL and a plain init with the body as text.
 *
 * @public
 */
export function createComplianceFetchClient(options: {
  baseUrl: string;
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  headers?: Record<string, string>;
}): ComplianceFetchClient {
  const callerFetch = options.fetch;
  return createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: callerFetch
      ? async (request: Request) =>
          callerFetch(request.url, {
            method: request.method,
            headers: request.headers,
            body:
              request.method === 'GET' || request.method === 'HEAD'
                ? undefined
                : await request.text(),
            signal: request.signal,
          })
      : undefined,
    headers: options.headers,
  });
}

/** What openapi-fetch answers: `data` on success, `error` (the parsed body) otherwise. */
type FetchResult = { data?: unknown; error?: unknown; response: Response };

async function responseError(result: FetchResult) {
  const { response, error } = result;
  // openapi-fetch has read the body; ResponseError reads it again from a copy.
  return ResponseError.fromResponse(
    new Response(
      typeof error === 'string' ? error : JSON.stringify(error ?? null),
      {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      },
    ),
  );
}

/**
 * The body of a successful answer; otherwise a `ResponseError` (@backstage/errors) carrying
 * the backend's error, as `ResponseError.fromResponse` builds it.
 *
 * @public
 */
export async function responseData<R extends FetchResult>(
  call: Promise<R>,
): Promise<NonNullable<R['data']>> {
  const result = await call;
  const data = result.data;
  if (result.response.ok && data !== undefined && data !== null) return data;
  throw await responseError(result);
}

/**
 * As {@link responseData}, with `undefined` for a 404 (an entity without an assessment, a
 * stack that was never read).
 *
 * @public
 */
export async function optionalResponseData<R extends FetchResult>(
  call: Promise<R>,
): Promise<NonNullable<R['data']> | undefined> {
  const result = await call;
  if (result.response.status === 404) return undefined;
  return responseData(Promise.resolve(result));
}
