import { renderInTestApp } from '@backstage/frontend-test-utils';
import { act, screen } from '@testing-library/react';
import { useState } from 'react';
import { useLocation } from 'react-router-dom';
import { RefusedRuns } from './RefusedRuns';
import { ReopenRefusedForm } from './ReopenRefusedForm';

let mounts = 0;

/** Stands for the wizard: what it was opened with, read once when it mounts, as the stock one does. */
function Wizard() {
  const location = useLocation();
  const [openedWith] = useState(() => {
    mounts += 1;
    return `${location.pathname}${location.search}`;
  });
  return (
    <p>
      wizard {mounts} opened at {openedWith}
    </p>
  );
}

describe('ReopenRefusedForm', () => {
  beforeEach(() => {
    mounts = 0;
  });

  it('opens the form again with the values of a refused run, on the same page', async () => {
    const refusedRuns = new RefusedRuns();
    renderInTestApp(
      <ReopenRefusedForm refusedRuns={refusedRuns}>
        <Wizard />
      </ReopenRefusedForm>,
      { initialRouteEntries: ['/create/templates/default/aws-service'] },
    );
    expect(
      await screen.findByText(
        'wizard 1 opened at /create/templates/default/aws-service',
      ),
    ).toBeInTheDocument();

    const values = { name: 'orders-api', owner: 'group:default/team a' };
    let listened = false;
    act(() => {
      listened = refusedRuns.report({
        templateRef: 'template:default/aws-service',
        values,
      });
    });
    expect(listened).toBe(true);
    const search = new URLSearchParams({ formData: JSON.stringify(values) });
    expect(
      await screen.findByText(
        `wizard 2 opened at /create/templates/default/aws-service?${search}`,
      ),
    ).toBeInTheDocument();
    // What the stock wizard parses from it (useFormDataFromQuery).
    expect(JSON.parse(search.get('formData')!)).toEqual(values);
  });

  it('stops listening when it is gone', () => {
    const refusedRuns = new RefusedRuns();
    const { unmount } = renderInTestApp(
      <ReopenRefusedForm refusedRuns={refusedRuns}>
        <Wizard />
      </ReopenRefusedForm>,
    );
    unmount();
    expect(
      refusedRuns.report({ templateRef: 'template:default/x', values: {} }),
    ).toBe(false);
  });
});
