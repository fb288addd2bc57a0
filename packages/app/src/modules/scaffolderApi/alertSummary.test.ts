import { alertSummary } from './alertSummary';

describe('alertSummary', () => {
  it('keeps the first sentence of a long refusal and points to the form', () => {
    expect(
      alertSummary(
        'template:default/aws-service version 38af554e83093c62 is pending; only approved template versions run. No version of it has been approved yet. Members of group:default/tech-leads can approve it at http://localhost:3000/compliance/templates.',
      ),
    ).toBe(
      'template:default/aws-service version 38af554e83093c62 is pending; only approved template versions run. The top of the form says what to do next.',
    );
  });

  it('leaves a single sentence, and dots inside words, as they are', () => {
    const one =
      'Publishing to github.com needs a GitHub integration, so nothing was run.';
    expect(alertSummary(one)).toBe(one);
    expect(alertSummary('no sentence end')).toBe('no sentence end');
  });
});
