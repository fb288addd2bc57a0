import { ReadableScaffolderClient } from './ReadableScaffolderClient';
import { RefusedRuns } from './RefusedRuns';

const refusal = {
  error: {
    name: 'InputError',
    message:
      'Publishing to github.com needs a GitHub integration with a token for github.com, and this portal has none, so nothing was run. Start the portal with GITHUB_TOKEN set to a token that may create repositories of the owner.',
    stack: 'InputError: …\n    at createPublishReadinessGuard.ts:30:15',
  },
  request: { method: 'POST', url: '/v2/tasks' },
  response: { statusCode: 400 },
};

const refused = () =>
  new Response(JSON.stringify(refusal), {
    status: 400,
    statusText: 'Bad Request',
  });

const run = {
  templateRef: 'template:default/aws-service',
  values: { name: 'orders-api', owner: 'group:default/platform-engineering' },
};

function client(response: Response, refusedRuns = new RefusedRuns()) {
  const post = jest.fn();
  return {
    post,
    client: new ReadableScaffolderClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/scaffolder' },
      fetchApi: { fetch: (async () => response) as unknown as typeof fetch },
      // scaffold() does not read the integrations.
      scmIntegrationsApi: {} as never,
      alertApi: { post, alert$: jest.fn() } as never,
      refusedRuns,
    }),
  };
}

/** How a promise stands a few event-loop turns after the request answered. */
function settled(promise: Promise<unknown>) {
  return Promise.race([
    promise.then(
      () => 'resolved',
      () => 'rejected',
    ),
    new Promise(resolve => setTimeout(() => resolve('pending'), 50)),
  ]);
}

describe('ReadableScaffolderClient', () => {
  it("shows a refused task's sentence once, as an alert, hands the run to the listening wizard and leaves nothing to reject", async () => {
    const refusedRuns = new RefusedRuns();
    const reported = jest.fn();
    refusedRuns.subscribe(reported);
    const { client: c, post } = client(refused(), refusedRuns);
    const result = c.scaffold(run);
    expect(await settled(result)).toBe('pending');
    expect(post).toHaveBeenCalledTimes(1);
    expect(post).toHaveBeenCalledWith({
      message:
        'Publishing to github.com needs a GitHub integration with a token for github.com, and this portal has none, so nothing was run. The top of the form says what to do next.',
      severity: 'error',
    });
    expect(reported).toHaveBeenCalledWith(run);
  });

  it('rejects with the sentence alone when no wizard listens', async () => {
    const { client: c, post } = client(refused());
    await expect(c.scaffold(run)).rejects.toMatchObject({
      name: 'TaskRefused',
      message: refusal.error.message,
    });
    expect(post).toHaveBeenCalledTimes(1);
  });

  it('passes a created task through, and rejects other failures as they are', async () => {
    const refusedRuns = new RefusedRuns();
    const reported = jest.fn();
    refusedRuns.subscribe(reported);
    const created = client(
      new Response(JSON.stringify({ id: 'task-1' }), { status: 201 }),
      refusedRuns,
    );
    await expect(created.client.scaffold(run)).resolves.toEqual({
      taskId: 'task-1',
    });
    const broken = client(
      new Response('<html>Bad Gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
      }),
      refusedRuns,
    );
    await expect(broken.client.scaffold(run)).rejects.toThrow(/502/);
    expect(created.post).not.toHaveBeenCalled();
    expect(broken.post).not.toHaveBeenCalled();
    expect(reported).not.toHaveBeenCalled();
  });
});
