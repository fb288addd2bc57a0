import { ResponseError } from '@backstage/errors';
import {
  errorMessage,
  formatAge,
  formatElapsed,
  shortRef,
  toDateInput,
  toDateTimeLocal,
} from './format';

describe('format', () => {
  it('formats ages in the engine duration notation', () => {
    const now = new Date('2026-05-04T12:00:00Z');
    expect(formatAge('2026-05-04T11:59:30Z', now)).toBe('just now');
    expect(formatAge('2026-05-04T09:00:00Z', now)).toBe('3h ago');
    expect(formatAge('2026-04-01T10:00:00Z', now)).toBe('33d ago');
    expect(formatElapsed(18574200)).toBe('215d');
  });

  it('shortens entity refs in the default namespace', () => {
    expect(shortRef('group:default/team-a')).toBe('team-a');
    expect(shortRef('system:shop/checkout')).toBe('shop/checkout');
    expect(shortRef('team-b')).toBe('team-b');
  });

  it('writes dates for date and datetime-local inputs', () => {
    const d = new Date(2026, 4, 4, 9, 5);
    expect(toDateInput(d)).toBe('2026-05-04');
    expect(toDateTimeLocal(d)).toBe('2026-05-04T09:05');
  });

  it('prefers the backend message of a failed request', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'NotAllowedError',
          message: 'Only tech leads approve waivers',
        },
        response: { statusCode: 403 },
      }),
      {
        status: 403,
        headers: { 'content-type': 'application/json' },
      },
    );
    expect(errorMessage(await ResponseError.fromResponse(response))).toBe(
      'Only tech leads approve waivers',
    );
    expect(errorMessage(new Error('offline'))).toBe('offline');
  });
});
