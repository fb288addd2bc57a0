import { parseFactValue } from './parseFactValue';

describe('parseFactValue', () => {
  it('parses by the type of the fact', () => {
    expect(parseFactValue('multi-az', 'yes')).toEqual({
      ok: true,
      value: true,
    });
    expect(parseFactValue('backup-retention', '35d')).toEqual({
      ok: true,
      value: 35 * 86400,
    });
    expect(parseFactValue('az-count', '3')).toEqual({ ok: true, value: 3 });
    expect(parseFactValue('encryption-key', 'cmk')).toEqual({
      ok: true,
      value: 'cmk',
    });
    expect(parseFactValue('alarms', 'error-rate, latency')).toEqual({
      ok: true,
      value: ['error-rate', 'latency'],
    });
  });

  it('keeps TODO and unverified values as claims that never pass', () => {
    expect(
      parseFactValue('waf-managed-rules', 'TODO: verification needed'),
    ).toEqual({ ok: true, unverified: 'verification needed' });
    expect(parseFactValue('multi-az', 'unverified')).toEqual({
      ok: true,
      unverified: 'marked TODO in the source document',
    });
  });

  it('explains what is wrong', () => {
    expect(parseFactValue('backup-retension', '35d')).toEqual({
      ok: false,
      error: 'unknown fact "backup-retension"',
    });
    expect(parseFactValue('multi-az', 'maybe')).toEqual({
      ok: false,
      error: 'fact "multi-az" must be true or false, got "maybe"',
    });
    expect(parseFactValue('az-count', '-2')).toMatchObject({
      ok: false,
      error: expect.stringContaining('non-negative number'),
    });
    expect(parseFactValue('encryption-key', 'aes')).toMatchObject({
      ok: false,
      error: expect.stringContaining(
        'must be one of cmk, provider-managed, none',
      ),
    });
    expect(parseFactValue('alarms', 'latency,coffee')).toMatchObject({
      ok: false,
      error: expect.stringContaining('unknown item(s) coffee'),
    });
    expect(parseFactValue('multi-az', 42)).toMatchObject({
      ok: false,
      error: 'fact "multi-az" must be a string, got number',
    });
  });
});
