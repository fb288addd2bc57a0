import { ConfigReader } from '@backstage/config';
import { approversOf, isTechLead, readTechLeadGroups } from './techLeadRule';

describe('readTechLeadGroups', () => {
  it('defaults to group:default/tech-leads', () => {
    expect(readTechLeadGroups(new ConfigReader({}))).toEqual([
      'group:default/tech-leads',
    ]);
  });

  it('normalises short forms and case, once each', () => {
    expect(
      readTechLeadGroups(
        new ConfigReader({
          compliance: {
            techLeadGroups: [
              'Tech-Leads',
              'group:default/tech-leads',
              'sec/leads',
            ],
          },
        }),
      ),
    ).toEqual(['group:default/tech-leads', 'group:sec/leads']);
  });

  it('stops on an entry that is no group, naming it', () => {
    expect(() =>
      readTechLeadGroups(
        new ConfigReader({
          compliance: {
            techLeadGroups: ['group:default/a', 'user:default/jane'],
          },
        }),
      ),
    ).toThrow(
      'compliance.techLeadGroups[1]: "user:default/jane" must name a Group, not a user',
    );
  });
});

describe('isTechLead', () => {
  it('matches ownership refs whatever their case', () => {
    const leads = ['group:default/tech-leads'];
    expect(
      isTechLead(['user:default/ann', 'group:default/Tech-Leads'], leads),
    ).toBe(true);
    expect(
      isTechLead(['user:default/ann', 'group:default/payments'], leads),
    ).toBe(false);
  });
});

describe('approversOf', () => {
  const leads = ['group:default/tech-leads'];
  it("adds the owner's tech-lead group in the policy's form", () => {
    expect(approversOf(leads, 'payments-leads')).toEqual([
      'group:default/tech-leads',
      'group:default/payments-leads',
    ]);
  });
  it('names nobody for an annotation that grants nothing', () => {
    expect(approversOf(leads, 'user:default/jane')).toEqual(leads);
    expect(approversOf(leads, undefined)).toEqual(leads);
  });
});
