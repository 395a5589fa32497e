export { NOTION_VERSION, notion } from './adapter';
export { notionWarnings } from './notion-warnings';
export type { NotionAsyncTask, NotionError } from './notion-error-body';
