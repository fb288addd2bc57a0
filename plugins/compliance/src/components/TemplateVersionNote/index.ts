export { TemplateVersionNote } from './TemplateVersionNote';
