import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import compliancePlugin from '@refarch/backstage-plugin-compliance/alpha';
import { navModule } from './modules/nav';
import { templateCardModule } from './modules/templateCard';
import { scaffolderApiModule } from './modules/scaffolderApi';

// `app.packages: all` discovers the compliance plugin too; listing it here keeps it installed
// when discovery is narrowed, and the app de-duplicates plugins by id.
export default createApp({
  features: [
    catalogPlugin,
    navModule,
    templateCardModule,
    scaffolderApiModule,
    compliancePlugin,
  ],
});
