import { describe, expectTypeOf, it } from 'vitest';
import {
  type AfterResponseHook,
  type BeforeRequestHook,
  type ClientHooks,
  type ClientOptions,
  createClient,
  genericAdapter,
  type Logger,
} from '../../src/index';

// pino's log method, as declared in pino.d.ts (`interface LogFn`, https://github.com/pinojs/pino/blob/main/pino.d.ts);
// pino is not a dependency, so its signature is copied here to prove a pino logger fits `Logger`.
interface PinoLogFn {
  // biome-ignore lint/suspicious/noExplicitAny: pino's own declaration
  <T extends object>(obj: T, msg?: string, ...args: any[]): void;
  // biome-ignore lint/suspicious/noExplicitAny: pino's own declaration
  (obj: unknown, msg?: string, ...args: any[]): void;
  // biome-ignore lint/suspicious/noExplicitAny: pino's own declaration
  (msg: string, ...args: any[]): void;
}
interface PinoLike {
  level: string;
  fatal: PinoLogFn;
  error: PinoLogFn;
  warn: PinoLogFn;
  info: PinoLogFn;
  debug: PinoLogFn;
  trace: PinoLogFn;
}

describe('hooks and logger types', () => {
  it('a pino logger and console are Loggers', () => {
    expectTypeOf<PinoLike>().toMatchTypeOf<Logger>();
    expectTypeOf<Console>().toMatchTypeOf<Logger>();
    expectTypeOf<{ debug(obj: object): void }>().not.toMatchTypeOf<Logger>();
  });

  it('hooks are typed from the core entry alone, with ky’s parameters', () => {
    const before: BeforeRequestHook = (request, _options, state) => {
      expectTypeOf(request.headers).toEqualTypeOf<Headers>();
      expectTypeOf(state.retryCount).toEqualTypeOf<number>();
    };
    const after: AfterResponseHook = (_request, _options, response) => {
      expectTypeOf(response.status).toEqualTypeOf<number>();
      return new Response(null);
    };
    const hooks: ClientHooks = { beforeRequest: [before], afterResponse: [after] };
    expectTypeOf(createClient(genericAdapter, { baseUrl: 'https://x.test', hooks, logger: console })).not.toBeNever();
    expectTypeOf<ClientOptions['hooks']>().toEqualTypeOf<ClientHooks | undefined>();
  });
});
