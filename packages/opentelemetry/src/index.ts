export { HTTP, ROSETTA } from './attributes';
export { type InstrumentOptions, instrumentClient } from './instrument-client';
