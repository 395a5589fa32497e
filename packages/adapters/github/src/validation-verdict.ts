import type { ClassifyVerdict, FieldError } from '@rosetta/core';
import { readFieldError } from './github-error-body';

/** GitHub's documented `errors[].code` values, as go-gh words them (`title is missing`). */
const CODE_PHRASES: Readonly<Record<string, string>> = {
  missing: 'does not exist',
  missing_field: 'is missing',
  invalid: 'is invalid',
  unprocessable: 'is invalid',
  already_exists: 'already exists',
};

// GitHub reports some duplicates as `custom` ("A pull request already exists for ..."), not `already_exists`.
const DUPLICATE = /\balready exists\b/i;

/**
 * A REST 422's `errors[]` as field errors. Items are `{resource, field, code, message?}` objects or
 * bare strings; other shapes are skipped. A duplicate (`already_exists`) makes the error a conflict.
 */
export function validationVerdict(message: string | undefined, items: readonly unknown[] | undefined): ClassifyVerdict {
  const fieldErrors: FieldError[] = [];
  let code: string | undefined;
  let duplicate = false;
  for (const item of items ?? []) {
    if (typeof item === 'string') {
      fieldErrors.push({ path: '', message: item });
      continue;
    }
    const e = readFieldError(item);
    if (e === undefined) continue;
    const phrase = e.code === undefined ? undefined : CODE_PHRASES[e.code];
    const subject = e.field ?? e.resource ?? '';
    const text = e.message ?? (phrase === undefined ? e.code : `${subject} ${phrase}`.trim()) ?? 'is invalid';
    fieldErrors.push({ path: e.field ?? '', message: text, ...(e.code === undefined ? {} : { code: e.code }) });
    code ??= e.code;
    if (e.code === 'already_exists' || (e.code === 'custom' && DUPLICATE.test(text))) duplicate = true;
  }
  const detail = fieldErrors.map((f) => f.message).join('; ');
  const head = message ?? 'Validation Failed';
  return {
    kind: duplicate ? 'conflict' : 'validation',
    message: detail === '' ? head : `${head}: ${detail}`,
    fieldErrors,
    ...(code === undefined ? {} : { code }),
  };
}
