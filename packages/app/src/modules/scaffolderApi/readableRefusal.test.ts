import { readableRefusal } from './readableRefusal';

describe('readableRefusal', () => {
  it("keeps only the backend's sentence of a refused task", () => {
    const body = {
      error: {
        name: 'InputError',
        message:
          'Publishing to github.com needs a GitHub integration with a token for github.com, and this portal has none, so nothing was run.',
        stack:
          'InputError: Publishing…\n    at createPublishReadinessGuard.ts:30:15',
      },
      request: { method: 'POST', url: '/v2/tasks' },
      response: { statusCode: 400 },
    };
    const refused = readableRefusal(
      new Error(
        `Backend request failed, 400 Bad Request ${JSON.stringify(
          body,
          null,
          2,
        )}`,
      ),
    ) as Error;
    expect(refused.name).toBe('TaskRefused');
    expect(refused.message).toBe(body.error.message);
    expect(refused.message).not.toMatch(/stack|\{|at /);
  });

  it('leaves other errors alone', () => {
    const network = new TypeError('Failed to fetch');
    expect(readableRefusal(network)).toBe(network);
    const noJson = new Error('Backend request failed, 502 Bad Gateway <html>');
    expect(readableRefusal(noJson)).toBe(noJson);
    const noMessage = new Error(
      'Backend request failed, 400 Bad Request {"a":1}',
    );
    expect(readableRefusal(noMessage)).toBe(noMessage);
    expect(readableRefusal('text')).toBe('text');
  });
});
