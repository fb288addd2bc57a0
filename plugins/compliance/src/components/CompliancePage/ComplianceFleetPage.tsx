import { Content } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { FleetControlsView } from './FleetControlsView';
import { FleetEntitiesView } from './FleetEntitiesView';
import { useFleetQuery } from './useFleetQuery';
import { Route, Routes, useNavigate } from 'react-router-dom';
import { TemplateReviewList, TemplateReviewPage } from '../TemplateReviews';

/**
 * The compliance page's routes: the fleet (entities, controls) and template reviews
 * (`templates`, `templates/:namespace/:name`).
 *
 * @internal
 */
export function ComplianceRoutes() {
  return (
    <Routes>
      <Route path="templates" element={<TemplatesView />} />
      <Route
        path="templates/:namespace/:name"
        element={
          <Content>
            <TemplateReviewPage />
          </Content>
        }
      />
      <Route path="*" element={<ComplianceFleetPage />} />
    </Routes>
  );
}

function TemplatesView() {
  const navigate = useNavigate();
  return (
    <Content>
      <Box mb={2}>
        <Tabs
          value="templates"
          onChange={(_, view) =>
            view !== 'templates' &&
            navigate(view === 'entities' ? '..' : `..?view=${view}`)
          }
          aria-label="Compliance views"
          indicatorColor="primary"
        >
          <Tab label="Entities" value="entities" />
          <Tab label="Controls" value="controls" />
          <Tab label="Template reviews" value="templates" />
        </Tabs>
      </Box>
      <TemplateReviewList />
    </Content>
  );
}

/**
 * The fleet page body (the app frame supplies the header): every assessed entity, paged
 * and filtered on the server, and the policy's controls.
 *
 * @internal
 */
export function ComplianceFleetPage() {
  const [query, update] = useFleetQuery();
  const navigate = useNavigate();
  return (
    <Content>
      <Box mb={2}>
        <Tabs
          value={query.view}
          onChange={(_, view) =>
            view === 'templates'
              ? navigate('templates')
              : update({ view: view === 'entities' ? undefined : view })
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
          <Tab
            label="Template reviews"
            value="templates"
            id="compliance-tab-templates"
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
