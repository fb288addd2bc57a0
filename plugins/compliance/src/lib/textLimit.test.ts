import { textLimit } from './textLimit';

describe('textLimit', () => {
  it('counts, and names what is wrong instead of cutting', () => {
    expect(textLimit('a'.repeat(20), { min: 10, max: 2000 })).toEqual({
      counter: '20 / 2000',
    });
    expect(textLimit('', { min: 10, max: 2000 }).error).toBe(
      'Required: at least 10 characters',
    );
    expect(textLimit('  too short ', { min: 10, max: 2000 }).error).toBe(
      'Too short: at least 10 characters (9 so far)',
    );
    expect(textLimit('x'.repeat(3000), { min: 10, max: 2000 })).toEqual({
      counter: '3000 / 2000',
      error: '1000 characters too long: at most 2000',
    });
    expect(textLimit('', { max: 2000 })).toEqual({ counter: '0 / 2000' });
  });
});
