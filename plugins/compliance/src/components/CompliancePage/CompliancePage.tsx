import { Header, Page } from '@backstage/core-components';
import { ComplianceRoutes } from './ComplianceFleetPage';

/**
 * The fleet page with its own header, for apps on the legacy frontend system.
 *
 * @public
 */
export function CompliancePage() {
  return (
    <Page themeId="tool">
      <Header
        title="Compliance"
        subtitle="Compliance and disaster-recovery status of every assessed entity"
      />
      <ComplianceRoutes />
    </Page>
  );
}
