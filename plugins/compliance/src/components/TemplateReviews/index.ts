export { TemplateReviewList } from './TemplateReviewList';
export { TemplateReviewPage } from './TemplateReviewPage';
