import { ReadableScaffolderClient } from './ReadableScaffolderClient';

const refusal = {
  error: {
    name: 'InputError',
    message:
      'Publishing to github.com needs a GitHub integration with a token for github.com, and this portal has none, so nothing was run.',
    stack: 'InputError: …\n    at createPublishReadinessGuard.ts:30:15',
  },
  request: { method: 'POST', url: '/v2/tasks' },
  response: { statusCode: 400 },
};

function client(response: Response) {
  const post = jest.fn();
  return {
    post,
    client: new ReadableScaffolderClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/scaffolder' },
      fetchApi: { fetch: (async () => response) as unknown as typeof fetch },
      // scaffold() does not read the integrations.
      scmIntegrationsApi: {} as never,
      alertApi: { post, alert$: jest.fn() } as never,
    }),
  };
}

describe('ReadableScaffolderClient', () => {
  it("shows a refused task's sentence once, as an alert, and rejects with it alone", async () => {
    const { client: c, post } = client(
      new Response(JSON.stringify(refusal), {
        status: 400,
        statusText: 'Bad Request',
      }),
    );
    const rejected = c.scaffold({
      templateRef: 'template:default/aws-service',
      values: {},
    });
    await expect(rejected).rejects.toMatchObject({
      name: 'TaskRefused',
      message: refusal.error.message,
    });
    expect(post).toHaveBeenCalledWith({
      message: refusal.error.message,
      severity: 'error',
    });
  });

  it('passes a created task through', async () => {
    const { client: c, post } = client(
      new Response(JSON.stringify({ id: 'task-1' }), { status: 201 }),
    );
    await expect(
      c.scaffold({ templateRef: 'template:default/aws-service', values: {} }),
    ).resolves.toEqual({ taskId: 'task-1' });
    expect(post).not.toHaveBeenCalled();
  });
});
