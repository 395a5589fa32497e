export { createGzipBomb } from './fault-server/gzip-bomb';
export { type HtmlErrorPage, htmlErrorPage } from './fault-server/html-error-page';
export { type FaultServer, type RecordedRequest, startFaultServer } from './fault-server/start-fault-server';
export { createScriptedFetch, type ScriptedFetch, type ScriptedStep } from './scripted-fetch';
export type { AdapterFixture } from './conformance/fixture';
