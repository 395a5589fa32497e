/** Every spelling of one adapter's id that the scaffold writes. */
export interface AdapterNames {
  /** Kebab-case id: package `@rosetta/<id>`, folder, `ApiError.provider`. */
  readonly id: string;
  /** The adapter's export (`fooBar`), and the prefix of its other exports (`fooBarLimits`). */
  readonly camel: string;
  /** Types and functions named after the provider (`FooBarError`, `classifyFooBar`). */
  readonly pascal: string;
  /** The environment variable of the token in examples (`FOO_BAR_TOKEN`). */
  readonly env: string;
  /** What people call the provider (`Foo Bar`). */
  readonly display: string;
  readonly baseUrl: string;
}

/**
 * Kebab-case starting with a letter, so that the camel-case export is an identifier; at most 40 characters.
 * Stricter than `defineAdapter`'s id rule, which also admits a leading digit.
 */
const ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Ids that would clash with the workspace's other packages. */
const RESERVED = new Set(['core', 'testkit', 'adapters']);

/**
 * Why `id` cannot name a new adapter, or undefined when it can.
 *
 * @example
 * invalidIdReason('Foo_Bar'); // 'must be kebab-case: ...'
 */
export function invalidIdReason(id: string): string | undefined {
  if (!ID.test(id) || id.length > 40) {
    return 'must be kebab-case: lower-case letters and digits in dash-separated words, starting with a letter';
  }
  if (RESERVED.has(id)) return `"${id}" is the name of another package of the workspace`;
  return undefined;
}

/**
 * Derives every name from a valid id; the display name defaults to the id's words capitalised, the base URL to a
 * placeholder on the reserved `.example` domain (valid for `defineAdapter`, never reachable).
 *
 * @example
 * adapterNames('foo-bar'); // { camel: 'fooBar', pascal: 'FooBar', env: 'FOO_BAR', display: 'Foo Bar', ... }
 */
export function adapterNames(id: string, display?: string, baseUrl?: string): AdapterNames {
  const words = id.split('-');
  const cap = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
  return {
    id,
    camel: words[0] + words.slice(1).map(cap).join(''),
    pascal: words.map(cap).join(''),
    env: words.join('_').toUpperCase(),
    display: display ?? words.map(cap).join(' '),
    baseUrl: baseUrl ?? `https://api.${id}.example`,
  };
}

/**
 * A single-quoted TypeScript string literal of `text`.
 *
 * @example
 * tsString("O'Brien"); // "'O\\'Brien'"
 */
export function tsString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/** An object key as biome formats it: bare when it is an identifier, quoted otherwise. */
export function tsKey(text: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(text) ? text : tsString(text);
}
