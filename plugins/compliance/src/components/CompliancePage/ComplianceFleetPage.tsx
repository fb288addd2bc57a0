import { Content } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { FleetControlsView } from './FleetControlsView';
import { FleetEntitiesView } from './FleetEntitiesView';
import { useFleetQuery } from './useFleetQuery';

/**
 * The fleet page body (the app frame supplies the header): every assessed entity, paged
 * and filtered on the server, and the policy's controls.
 *
 * @internal
 */
export function ComplianceFleetPage() {
  const [query, update] = useFleetQuery();
  return (
    <Content>
      <Box mb={2}>
        <Tabs
          value={query.view}
          onChange={(_, view) =>
            update({ view: view === 'entities' ? undefined : view })
          }
          aria-label="Compliance views"
          indicatorColor="primary"
        >
          <Tab
            label="Entities"
            value="entities"
            id="compliance-tab-entities"
            aria-controls="compliance-tabpanel"
          />
          <Tab
            label="Controls"
            value="controls"
            id="compliance-tab-controls"
            aria-controls="compliance-tabpanel"
          />
        </Tabs>
      </Box>
      <div
        role="tabpanel"
        id="compliance-tabpanel"
        aria-labelledby={`compliance-tab-${query.view}`}
      >
        {query.view === 'controls' ? (
          <FleetControlsView update={update} />
        ) : (
          <FleetEntitiesView query={query} update={update} />
        )}
      </div>
    </Content>
  );
}
