import yaml from 'yaml';
import { examples } from './validate.examples';

describe('compliance:validate examples', () => {
  it('are valid template steps using the action', () => {
    for (const example of examples) {
      const parsed = yaml.parse(example.example);
      expect(parsed.steps[0]).toMatchObject({
        action: 'compliance:validate',
        input: expect.objectContaining({ path: expect.any(String) }),
      });
    }
  });
});
