import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codeText,
  collectFieldErrors,
  cut,
  elementMessage,
  extractBodyFields,
  firstUseful,
  identifier,
  isObject,
  MAX_FIELD_ERRORS,
  MAX_MESSAGE_CHARS,
  text,
} from '../../src/classify/body-fields';

// Shapes follow each provider's documented error bodies (the adapters' fixtures cite them).
describe('extractBodyFields: message and code', () => {
  it('reads OAuth errors: error_description is the message, error the code', () => {
    expect(extractBodyFields({ error: 'invalid_grant', error_description: 'Refresh token expired' })).toEqual({
      message: 'Refresh token expired',
      code: 'invalid_grant',
      fieldErrors: [],
    });
  });

  it('reads Stripe errors: error.code before error.type, param as the field', () => {
    const body = {
      error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.', param: 'number' },
    };
    expect(extractBodyFields(body)).toEqual({
      message: 'Your card was declined.',
      code: 'card_declined',
      fieldErrors: [{ path: 'number', message: 'Your card was declined.', code: 'card_declined' }],
    });
    expect(extractBodyFields({ error: { type: 'api_error', message: 'Oops' } })).toMatchObject({ code: 'api_error' });
  });

  it('reads Slack ok:false: the error string is the code and, lacking anything better, the message', () => {
    expect(extractBodyFields({ ok: false, error: 'channel_not_found' })).toEqual({
      message: 'channel_not_found',
      code: 'channel_not_found',
      fieldErrors: [],
    });
  });

  it('reads Notion and Twilio legacy bodies, stringifying numeric codes', () => {
    expect(
      extractBodyFields({ object: 'error', status: 404, code: 'object_not_found', message: 'Not shared' }),
    ).toMatchObject({
      message: 'Not shared',
      code: 'object_not_found',
    });
    expect(
      extractBodyFields({ code: 20404, message: 'The requested resource was not found', status: 404 }),
    ).toMatchObject({
      code: '20404',
    });
  });

  it('reads RFC 9457 problems, never taking the type URI as code', () => {
    const problem = {
      type: 'https://example.com/probs/out-of-credit',
      title: 'You do not have enough credit.',
      detail: 'Balance is 30',
      status: 403,
    };
    expect(extractBodyFields(problem)).toEqual({ message: 'Balance is 30', fieldErrors: [] });
    expect(extractBodyFields({ type: 'about:blank', title: 'Not Found', status: 404 })).toEqual({
      message: 'Not Found',
      fieldErrors: [],
    });
    expect(extractBodyFields({ type: 'urn:problem:x', title: 'T' })).toEqual({ message: 'T', fieldErrors: [] });
  });

  it('takes an identifier-like type as code', () => {
    expect(extractBodyFields({ type: 'invalid_request', message: 'm' })).toMatchObject({ code: 'invalid_request' });
  });

  it('reads Google errors: status, not the numeric HTTP code, is the code', () => {
    const body = { error: { code: 400, message: 'Invalid value', status: 'INVALID_ARGUMENT' } };
    expect(extractBodyFields(body)).toMatchObject({ message: 'Invalid value', code: 'INVALID_ARGUMENT' });
  });

  it('reads the legacy Google format: the first reason is the code', () => {
    const body = {
      error: {
        errors: [{ domain: 'usageLimits', reason: 'userRateLimitExceeded', message: 'User Rate Limit Exceeded' }],
        code: 403,
        message: 'User Rate Limit Exceeded',
      },
    };
    expect(extractBodyFields(body)).toEqual({
      message: 'User Rate Limit Exceeded',
      code: 'userRateLimitExceeded',
      fieldErrors: [],
    });
  });

  it('falls back to the numeric wrapper code when nothing names the error', () => {
    expect(extractBodyFields({ error: { code: 500, message: 'x' } })).toMatchObject({ code: '500' });
  });

  it('reads Microsoft Graph and Airtable wrappers', () => {
    expect(
      extractBodyFields({ error: { code: 'itemNotFound', message: 'Item not found', innerError: {} } }),
    ).toMatchObject({
      message: 'Item not found',
      code: 'itemNotFound',
    });
    expect(
      extractBodyFields({ error: { type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND', message: 'No access' } }),
    ).toMatchObject({
      code: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
    });
    expect(extractBodyFields({ error: 'NOT_FOUND' })).toEqual({
      message: 'NOT_FOUND',
      code: 'NOT_FOUND',
      fieldErrors: [],
    });
  });

  it('does not take a sentence in error as code', () => {
    expect(extractBodyFields({ error: 'Something went wrong' })).toEqual({
      message: 'Something went wrong',
      fieldErrors: [],
    });
  });

  it('reads Zendesk shapes', () => {
    expect(extractBodyFields({ error: 'RecordNotFound', description: 'Not found' })).toMatchObject({
      message: 'Not found',
      code: 'RecordNotFound',
    });
    expect(extractBodyFields({ error: { title: 'Forbidden', message: 'You do not have access' } })).toMatchObject({
      message: 'You do not have access',
    });
  });

  it('reads GraphQL errors: first message, extensions.code', () => {
    const body = {
      data: null,
      errors: [
        {
          message: 'Rate limited',
          path: ['viewer'],
          locations: [{ line: 1, column: 2 }],
          extensions: { code: 'RATELIMITED' },
        },
      ],
    };
    expect(extractBodyFields(body)).toEqual({ message: 'Rate limited', code: 'RATELIMITED', fieldErrors: [] });
  });

  it('reads Intercom: errors[0].code beats the list type', () => {
    const body = {
      type: 'error.list',
      request_id: 'r',
      errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }],
    };
    expect(extractBodyFields(body)).toEqual({ message: 'Access Token Invalid', code: 'unauthorized', fieldErrors: [] });
  });

  it('reads Asana and Shopify string errors', () => {
    expect(extractBodyFields({ errors: [{ message: 'project: Missing input', help: 'h' }] })).toMatchObject({
      message: 'project: Missing input',
    });
    expect(extractBodyFields({ errors: 'Not Found' })).toEqual({ message: 'Not Found', fieldErrors: [] });
    expect(extractBodyFields({ errors: ['first', 'second'] })).toEqual({ message: 'first', fieldErrors: [] });
  });

  it('reads Jira: errorMessages[0] as message', () => {
    const body = { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} };
    expect(extractBodyFields(body)).toEqual({
      message: 'Issue does not exist or you do not have permission to see it.',
      fieldErrors: [],
    });
  });

  it('reads QuickBooks and Apigee faults', () => {
    const qbo = {
      Fault: {
        Error: [{ Message: 'Object Not Found', Detail: 'Something', code: '610', element: '' }],
        type: 'ValidationFault',
      },
      time: 't',
    };
    expect(extractBodyFields(qbo)).toEqual({ message: 'Object Not Found', code: '610', fieldErrors: [] });
    const apigee = { fault: { faultstring: 'Invalid ApiKey', detail: { errorcode: 'oauth.v2.InvalidApiKey' } } };
    expect(extractBodyFields(apigee)).toEqual({
      message: 'Invalid ApiKey',
      code: 'oauth.v2.InvalidApiKey',
      fieldErrors: [],
    });
  });

  it('reads Salesforce top-level arrays', () => {
    const body = [
      {
        message: 'Required fields are missing: [Name]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['Name', 'Email'],
      },
      { message: 'Second', errorCode: 'OTHER' },
    ];
    expect(extractBodyFields(body)).toEqual({
      message: 'Required fields are missing: [Name]',
      code: 'REQUIRED_FIELD_MISSING',
      fieldErrors: [
        { path: 'Name', message: 'Required fields are missing: [Name]', code: 'REQUIRED_FIELD_MISSING' },
        { path: 'Email', message: 'Required fields are missing: [Name]', code: 'REQUIRED_FIELD_MISSING' },
      ],
    });
    expect(extractBodyFields([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }])).toEqual({
      message: 'Session expired or invalid',
      code: 'INVALID_SESSION_ID',
      fieldErrors: [],
    });
  });

  it('reads other common message keys', () => {
    expect(extractBodyFields({ errorMessage: 'a' }).message).toBe('a');
    expect(extractBodyFields({ error_message: 'b' }).message).toBe('b');
    expect(extractBodyFields({ Message: 'c' }).message).toBe('c');
    expect(extractBodyFields({ msg: 'd' }).message).toBe('d');
    expect(extractBodyFields({ errorCode: 'E1' }).code).toBe('E1');
    expect(extractBodyFields({ error_code: 42 }).code).toBe('42');
  });

  it('prefers message over detail over title', () => {
    expect(extractBodyFields({ title: 't', detail: 'd', message: 'm' }).message).toBe('m');
    expect(extractBodyFields({ title: 't', detail: 'd' }).message).toBe('d');
  });

  it('takes a bare string body as the message', () => {
    expect(extractBodyFields('  Not Found ')).toEqual({ message: 'Not Found', fieldErrors: [] });
    expect(extractBodyFields('   ')).toEqual({ fieldErrors: [] });
  });

  it('ignores blank strings and non-finite numbers', () => {
    expect(extractBodyFields({ message: '  ', code: '', error: { message: '' } })).toEqual({ fieldErrors: [] });
    expect(extractBodyFields({ code: Number.NaN })).toEqual({ fieldErrors: [] });
  });

  it('uses the first field error as message when there is no other', () => {
    expect(extractBodyFields({ errorMessages: [], errors: { summary: 'You must specify a summary.' } })).toEqual({
      message: 'summary: You must specify a summary.',
      fieldErrors: [{ path: 'summary', message: 'You must specify a summary.' }],
    });
  });
});

describe('extractBodyFields: field errors', () => {
  it('reads RFC 9457 errors with JSON pointers, unescaping ~1 and ~0', () => {
    const body = {
      type: 'about:blank',
      title: 'Validation failed',
      errors: [
        { detail: 'must be positive', pointer: '/items/0/price' },
        { detail: 'bad key', pointer: '#/a~1b/c~0d' },
      ],
    };
    expect(extractBodyFields(body).fieldErrors).toEqual([
      { path: 'items.0.price', message: 'must be positive' },
      { path: 'a/b.c~d', message: 'bad key' },
    ]);
  });

  it('reads JSON:API source.pointer and source.parameter', () => {
    const body = {
      errors: [
        { source: { pointer: '/data/attributes/title' }, detail: 'blank' },
        { source: { parameter: 'sort' }, title: 'bad sort' },
      ],
    };
    expect(extractBodyFields(body).fieldErrors).toEqual([
      { path: 'data.attributes.title', message: 'blank' },
      { path: 'sort', message: 'bad sort' },
    ]);
  });

  it('reads invalid-params with name and reason', () => {
    const body = {
      title: 'Your request parameters did not validate.',
      'invalid-params': [{ name: 'age', reason: 'must be a positive integer' }],
    };
    expect(extractBodyFields(body)).toEqual({
      message: 'Your request parameters did not validate.',
      fieldErrors: [{ path: 'age', message: 'must be a positive integer' }],
    });
  });

  it('reads PascalCase problem details (ASP.NET, as Xero sends a 401/403)', () => {
    const body = { Type: null, Title: 'Forbidden', Status: 403, Detail: 'AuthenticationUnsuccessful' };
    expect(extractBodyFields(body)).toEqual({ message: 'AuthenticationUnsuccessful', fieldErrors: [] });
  });

  it('reads problem details inside a `problem` wrapper, invalidFields as invalid-params (Xero Payroll)', () => {
    const body = {
      id: 'FAKE',
      httpStatusCode: 'BadRequest',
      problem: {
        type: 'application/problem+json',
        title: 'BadRequest',
        detail: 'Validation error occurred.',
        invalidFields: [{ name: 'DateOfBirth', reason: 'The Date of Birth is required.' }],
      },
    };
    expect(extractBodyFields(body)).toEqual({
      message: 'Validation error occurred.',
      fieldErrors: [{ path: 'DateOfBirth', message: 'The Date of Birth is required.' }],
    });
    expect(extractBodyFields({ problem: null, employees: [] })).toEqual({ fieldErrors: [] });
  });

  it('reads GitHub validation errors: the code stands in for a missing message', () => {
    const body = {
      message: 'Validation Failed',
      errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }],
    };
    expect(extractBodyFields(body)).toEqual({
      message: 'Validation Failed',
      code: 'missing_field',
      fieldErrors: [{ path: 'title', message: 'missing_field', code: 'missing_field' }],
    });
  });

  it('reads Shopify GraphQL-style array fields and Spring defaultMessage', () => {
    expect(extractBodyFields({ errors: [{ field: ['input', 'email'], message: 'is invalid' }] }).fieldErrors).toEqual([
      { path: 'input.email', message: 'is invalid' },
    ]);
    expect(
      extractBodyFields({ errors: [{ field: 'email', defaultMessage: 'must not be blank', code: 'NotBlank' }] })
        .fieldErrors,
    ).toEqual([{ path: 'email', message: 'must not be blank', code: 'NotBlank' }]);
  });

  it('reads errors maps of strings and string arrays (Jira, Shopify, Rails)', () => {
    expect(
      extractBodyFields({ errors: { title: ["can't be blank", 'is too short'], body: 'required' } }).fieldErrors,
    ).toEqual([
      { path: 'title', message: "can't be blank" },
      { path: 'title', message: 'is too short' },
      { path: 'body', message: 'required' },
    ]);
  });

  it('reads Zendesk details maps', () => {
    const body = {
      error: 'RecordInvalid',
      description: 'Record validation errors',
      details: { email: [{ description: 'Email is invalid', error: 'InvalidFormat' }] },
    };
    expect(extractBodyFields(body)).toEqual({
      message: 'Record validation errors',
      code: 'RecordInvalid',
      fieldErrors: [{ path: 'email', message: 'Email is invalid', code: 'InvalidFormat' }],
    });
  });

  it('reads Google BadRequest fieldViolations inside error.details', () => {
    const body = {
      error: {
        code: 400,
        message: 'Request contains an invalid argument.',
        status: 'INVALID_ARGUMENT',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'X', domain: 'd' },
          {
            '@type': 'type.googleapis.com/google.rpc.BadRequest',
            fieldViolations: [{ field: 'user.email', description: 'Invalid email' }],
          },
        ],
      },
    };
    expect(extractBodyFields(body)).toEqual({
      message: 'Request contains an invalid argument.',
      code: 'INVALID_ARGUMENT',
      fieldErrors: [{ path: 'user.email', message: 'Invalid email' }],
    });
  });

  it('reads FastAPI detail lists', () => {
    const body = { detail: [{ loc: ['body', 'email'], msg: 'field required', type: 'value_error.missing' }] };
    expect(extractBodyFields(body)).toEqual({
      message: 'field required',
      fieldErrors: [{ path: 'body.email', message: 'field required', code: 'value_error.missing' }],
    });
  });

  it('reads a Google legacy parameter location but not a header location', () => {
    const body = {
      error: {
        code: 400,
        message: 'Invalid',
        errors: [
          { reason: 'invalid', message: 'Invalid value', location: 'maxResults', locationType: 'parameter' },
          { reason: 'authError', message: 'Invalid Credentials', location: 'Authorization', locationType: 'header' },
        ],
      },
    };
    expect(extractBodyFields(body).fieldErrors).toEqual([{ path: 'maxResults', message: 'Invalid value' }]);
  });

  it('reads fields maps, fieldErrors and validationErrors', () => {
    expect(extractBodyFields({ fields: { name: 'too long' } }).fieldErrors).toEqual([
      { path: 'name', message: 'too long' },
    ]);
    expect(extractBodyFields({ fieldErrors: [{ field: 'a', message: 'x' }] }).fieldErrors).toEqual([
      { path: 'a', message: 'x' },
    ]);
    expect(extractBodyFields({ validationErrors: { b: ['y'] } }).fieldErrors).toEqual([{ path: 'b', message: 'y' }]);
  });

  it('reads field errors nested in an error wrapper', () => {
    expect(
      extractBodyFields({ error: { message: 'Invalid', errors: [{ field: 'x', message: 'bad' }] } }).fieldErrors,
    ).toEqual([{ path: 'x', message: 'bad' }]);
  });

  it('does not invent field errors from look-alike keys', () => {
    // Spring Boot's default error: `path` is the URL; a serialized JS error has a `name`.
    expect(
      extractBodyFields({ status: 400, error: 'Bad Request', message: 'x', path: '/api/users' }).fieldErrors,
    ).toEqual([]);
    expect(extractBodyFields({ errors: [{ name: 'ValidationError', message: 'x' }] }).fieldErrors).toEqual([]);
    // A GraphQL error path points into the response, not at an input.
    expect(extractBodyFields({ errors: [{ message: 'x', path: ['a', 'b'], locations: [] }] }).fieldErrors).toEqual([]);
    expect(extractBodyFields({ details: { reason: 'quota' } }).fieldErrors).toEqual([]);
  });

  it('bounds the number of field errors (texts are cut after redaction, see classify-response.test.ts)', () => {
    const many = {
      errors: Array.from({ length: 10_000 }, (_, i) => ({ field: `f${i}`, message: 'm'.repeat(10_000) })),
    };
    const fields = extractBodyFields(many);
    expect(fields.fieldErrors).toHaveLength(MAX_FIELD_ERRORS);
    const map = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, ['a', 'b']]));
    expect(extractBodyFields({ errors: map }).fieldErrors).toHaveLength(MAX_FIELD_ERRORS);
  });
});

describe('extractBodyFields: robustness', () => {
  it.each([null, undefined, 0, 42, true, [], [null, 1], {}, '', [[[]]]])('returns an empty result for %j', (body) => {
    expect(extractBodyFields(body)).toEqual({ fieldErrors: [] });
  });

  it('survives wrong types in every slot', () => {
    const body = {
      message: 5,
      error: [1],
      errors: [null, 1, 'x', { field: {}, message: [] }, { fields: [null, {}, 7], message: 'm' }],
      detail: [null],
      details: [null, { fieldViolations: 'no' }],
      'invalid-params': { a: null },
      fault: { Error: 'e' },
      code: { x: 1 },
      type: 42,
    };
    expect(extractBodyFields(body)).toEqual({ message: 'x', fieldErrors: [] });
  });

  it('never throws, even on exotic values', () => {
    const throwing = {
      get message(): string {
        throw new Error('boom');
      },
    };
    expect(extractBodyFields(throwing)).toEqual({ fieldErrors: [] });
    const proxy = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
      },
    );
    expect(extractBodyFields(proxy)).toEqual({ fieldErrors: [] });
  });

  it('does not recurse without bound into nested error wrappers', () => {
    let body: Record<string, unknown> = { message: 'deepest' };
    for (let i = 0; i < 100_000; i++) body = { error: body };
    expect(() => extractBodyFields(body)).not.toThrow();
  });

  it('treats own __proto__ keys from JSON.parse as plain data', () => {
    const body = JSON.parse('{"__proto__":{"message":"x"},"errors":{"__proto__":"bad"}}') as unknown;
    const fields = extractBodyFields(body);
    expect(fields.message).toBe('__proto__: bad');
    expect(({} as Record<string, unknown>).message).toBeUndefined();
  });

  it('random JSON never throws and keeps every bound', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (body) => {
        const fields = extractBodyFields(body);
        expect(Array.isArray(fields.fieldErrors)).toBe(true);
        expect(fields.fieldErrors.length).toBeLessThanOrEqual(MAX_FIELD_ERRORS);
        if (fields.message !== undefined) {
          expect(typeof fields.message).toBe('string');
          expect(fields.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
        }
        if (fields.code !== undefined) expect(fields.code).not.toMatch(/^NaN$|^-?Infinity$/);
        for (const error of fields.fieldErrors) {
          expect(typeof error.path).toBe('string');
          expect(error.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('random error-shaped bodies never throw', () => {
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.boolean());
    const keys = fc.constantFrom(
      'message',
      'error',
      'errors',
      'code',
      'type',
      'detail',
      'details',
      'fields',
      'field',
      'pointer',
      'fault',
      'Fault',
      'Error',
      'fieldViolations',
      'invalid-params',
      'loc',
      'source',
      'status',
      'title',
    );
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('tree'), { maxLength: 4 }),
        fc.dictionary(keys, tie('tree'), { maxKeys: 5 }),
      ),
    }));
    fc.assert(
      fc.property(tree, (body) => {
        const fields = extractBodyFields(body);
        expect(fields.fieldErrors.length).toBeLessThanOrEqual(MAX_FIELD_ERRORS);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('collectFieldErrors', () => {
  it('is empty for bodies without field errors and for non-objects', () => {
    for (const body of [undefined, null, 'x', 3, {}, [], { message: 'm' }])
      expect(collectFieldErrors(body)).toEqual([]);
  });

  it('reads a top-level array of elements', () => {
    expect(collectFieldErrors([{ field: 'a', message: 'x', code: 'C' }, 'junk', null])).toEqual([
      { path: 'a', message: 'x', code: 'C' },
    ]);
  });

  it('reads the body itself when it names a field', () => {
    expect(collectFieldErrors({ field: 'email', message: 'taken', code: 'already_exists' })).toEqual([
      { path: 'email', message: 'taken', code: 'already_exists' },
    ]);
  });

  it('uses "Invalid value" when an element names a field but says nothing else', () => {
    expect(collectFieldErrors({ errors: [{ field: 'x' }] })).toEqual([{ path: 'x', message: 'Invalid value' }]);
  });

  it('reads numeric path segments and skips elements whose path is not text', () => {
    expect(
      collectFieldErrors({
        errors: [
          { loc: ['items', 0, 'price'], msg: 'bad' },
          { loc: [{}], msg: 'no' },
        ],
      }),
    ).toEqual([{ path: 'items.0.price', message: 'bad' }]);
  });

  it('follows error wrappers only a few levels deep', () => {
    const shallow = { error: { error: { errors: [{ field: 'a', message: 'm' }] } } };
    expect(collectFieldErrors(shallow)).toHaveLength(1);
    let deep: Record<string, unknown> = { errors: [{ field: 'a', message: 'm' }] };
    for (let i = 0; i < 10; i++) deep = { error: deep };
    expect(collectFieldErrors(deep)).toEqual([]);
  });

  it('stops at the limit across shapes', () => {
    const list = Array.from({ length: 40 }, (_, i) => ({ field: `l${i}`, message: 'm' }));
    const map = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`m${i}`, 'm']));
    expect(collectFieldErrors({ errors: list, fields: map })).toHaveLength(MAX_FIELD_ERRORS);
  });
});

describe('body-fields: value readers', () => {
  it('isObject accepts plain objects only', () => {
    expect(isObject({})).toBe(true);
    expect(isObject([])).toBe(false);
    expect(isObject(null)).toBe(false);
    expect(isObject('x')).toBe(false);
  });

  it('text trims and skips blanks and non-strings, but does not cut (that happens after redaction)', () => {
    expect(text('  hi ')).toBe('hi');
    expect(text(' ')).toBeUndefined();
    expect(text(5)).toBeUndefined();
    expect(text('x'.repeat(MAX_MESSAGE_CHARS + 10))).toHaveLength(MAX_MESSAGE_CHARS + 10);
  });

  it('codeText stringifies finite numbers only', () => {
    expect(codeText(20404)).toBe('20404');
    expect(codeText(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(codeText(' E1 ')).toBe('E1');
    expect(codeText(true)).toBeUndefined();
  });

  it('identifier refuses sentences and URIs', () => {
    expect(identifier('invalid_grant')).toBe('invalid_grant');
    expect(identifier('error.list')).toBe('error.list');
    expect(identifier('Bad Request')).toBeUndefined();
    expect(identifier('about:blank')).toBeUndefined();
    expect(identifier('https://x/y')).toBeUndefined();
    expect(identifier('x'.repeat(101))).toBeUndefined();
  });

  it('elementMessage takes the most specific key present', () => {
    expect(elementMessage({ title: 't', message: 'm' })).toBe('m');
    expect(elementMessage({ title: 't', reason: 'r' })).toBe('r');
    expect(elementMessage({ other: 'o' })).toBeUndefined();
  });

  it('firstUseful skips nulls, numbers and blank strings', () => {
    expect(firstUseful([null, 1, ' ', 'x'])).toBe('x');
    expect(firstUseful([null])).toBeUndefined();
  });

  it('cut bounds a string', () => {
    expect(cut('abcdef', 3)).toBe('abc');
    expect(cut('ab', 3)).toBe('ab');
  });
});
