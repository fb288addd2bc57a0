import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SwappableComponentBlueprint } from '@backstage/plugin-app-react';
import { TemplateCard } from '@backstage/plugin-scaffolder-react/alpha';

/**
 * The scaffolder's template cards carry the compliance gate's banner (a pending, rejected or
 * unreviewed template version, who can approve it, its review page): the scaffolder offers no
 * input to decorate its card, but its `TemplateCard` is a swappable component, which only the
 * app plugin can swap.
 */
export const templateCardModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SwappableComponentBlueprint.make({
      name: 'scaffolder-template-card',
      params: define =>
        define({
          component: TemplateCard,
          loader: () =>
            import('@refarch/backstage-plugin-compliance/alpha').then(
              m => m.ComplianceTemplateCard,
            ),
        }),
    }),
  ],
});
