import { Content } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { FleetControlsView } from './FleetControlsView';
import { FleetEntitiesView } from './FleetEntitiesView';
import { useFleetQuery } from './useFleetQuery';
import { Route, Routes, useNavigate } from 'react-router-dom';
import { TemplateReviewList, TemplateReviewPage } from '../TemplateReviews';
import { DrMatrixView } from '../DrMatrix';
import { WaiverQueueView } from '../WaiverQueue';

/** Views on routes of their own; the fleet's views are `?view=` of the root. */
const ROUTED_VIEWS = ['templates', 'dr', 'waivers'] as const;
type RoutedView = (typeof ROUTED_VIEWS)[number];
const isRouted = (view: string): view is RoutedView =>
  (ROUTED_VIEWS as readonly string[]).includes(view);

/**
 * The compliance page's routes: the fleet (entities, controls), the DR matrix of the Systems
 * (`dr`), the tech leads' waiver queue (`waivers`) and template reviews (`templates`,
 * `templates/:namespace/:name`).
 *
 * @internal
 */
export function ComplianceRoutes() {
  return (
    <Routes>
      <Route path="templates" element={<TemplatesView />} />
      <Route path="dr" element={<DrView />} />
      <Route path="waivers" element={<WaiversView />} />
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

/** The tabs of a view on its own route (`templates`, `dr`, `waivers`): the others are links away. */
function RouteTabs(props: { current: RoutedView }) {
  const navigate = useNavigate();
  const { current } = props;
  return (
    <Box mb={2}>
      <Tabs
        value={current}
        onChange={(_, view) => {
          if (view === current) return;
          if (isRouted(view)) navigate(`../${view}`);
          else navigate(view === 'entities' ? '..' : `..?view=${view}`);
        }}
        aria-label="Compliance views"
        indicatorColor="primary"
      >
        <Tab label="Entities" value="entities" />
        <Tab label="Controls" value="controls" />
        <Tab label="DR matrix" value="dr" />
        <Tab label="Waivers" value="waivers" />
        <Tab label="Template reviews" value="templates" />
      </Tabs>
    </Box>
  );
}

function TemplatesView() {
  return (
    <Content>
      <RouteTabs current="templates" />
      <TemplateReviewList />
    </Content>
  );
}

/** Systems × disruption types (`dr`). */
function DrView() {
  return (
    <Content>
      <RouteTabs current="dr" />
      <DrMatrixView />
    </Content>
  );
}

/** The tech leads' queue of pending waivers (`waivers`). */
function WaiversView() {
  return (
    <Content>
      <RouteTabs current="waivers" />
      <WaiverQueueView />
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
            isRouted(view)
              ? navigate(view)
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
          <Tab label="DR matrix" value="dr" id="compliance-tab-dr" />
          <Tab label="Waivers" value="waivers" id="compliance-tab-waivers" />
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
