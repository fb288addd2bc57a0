import {
  ItemCardHeader,
  Link,
  MarkdownContent,
  UserIcon,
} from '@backstage/core-components';
import {
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EntityRefLinks,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import type { TemplateCardComponentProps } from '@backstage/plugin-scaffolder-react/alpha';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { TemplateGateBanner } from './TemplateGateBanner';

const useStyles = makeStyles(theme => ({
  card: { display: 'flex', flexDirection: 'column', height: '100%' },
  content: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1.5),
  },
  description: {
    display: '-webkit-box',
    WebkitLineClamp: 10,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
  tags: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) },
  footer: {
    padding: theme.spacing(2),
    marginTop: 'auto',
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
  },
  owner: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
}));

/**
 * The scaffolder's template card (the app swaps it in for `TemplateCard` of
 * `@backstage/plugin-scaffolder-react/alpha`): the stock card's title, type, description, tags,
 * links, owner and Choose button, with the compliance gate's banner on top when the template's
 * current version is pending, rejected or never reviewed.
 *
 * @alpha
 */
export function ComplianceTemplateCard(props: TemplateCardComponentProps) {
  const { template, additionalLinks, onSelected } = props;
  const classes = useStyles();
  const owners = getEntityRelations(template, RELATION_OWNED_BY);
  const links = [
    ...(additionalLinks ?? []).map(l => ({ title: l.text, url: l.url })),
    ...(template.metadata.links ?? []).map(l => ({
      title: l.title ?? l.url,
      url: l.url,
    })),
  ];
  return (
    <Card className={classes.card} data-testid="template-card">
      <ItemCardHeader
        title={template.metadata.title ?? template.metadata.name}
        subtitle={template.spec.type}
      />
      <CardContent className={classes.content}>
        <TemplateGateBanner templateRef={stringifyEntityRef(template)} dense />
        <Box className={classes.description}>
          <MarkdownContent content={template.metadata.description ?? ''} />
        </Box>
        {!!template.metadata.tags?.length && (
          <div className={classes.tags}>
            {template.metadata.tags.map(tag => (
              <Chip key={tag} size="small" label={tag} style={{ margin: 0 }} />
            ))}
          </div>
        )}
        {links.map(l => (
          <Link key={l.url} to={l.url}>
            {l.title}
          </Link>
        ))}
      </CardContent>
      <CardActions className={classes.footer}>
        <div className={classes.owner}>
          {owners.length > 0 && (
            <>
              <UserIcon fontSize="small" />
              <EntityRefLinks
                entityRefs={owners}
                defaultKind="Group"
                hideIcons
              />
            </>
          )}
        </div>
        <Button
          size="small"
          variant="outlined"
          color="primary"
          onClick={() => onSelected?.()}
        >
          Choose
        </Button>
      </CardActions>
    </Card>
  );
}
