/**
 * A fixture file that cannot be used: unreadable, not JSON, not an `AdapterFixture`, or clashing
 * with another fixture. The message names the file and the offending field.
 */
export class FixtureError extends Error {
  override name = 'FixtureError' as const;
  /** The fixture file, as a path. */
  readonly file: string;
  /** Dotted path of the offending member (`expected.retryable`), or `(file)` for the file as a whole. */
  readonly field: string;

  constructor(file: string, field: string, problem: string, options?: ErrorOptions) {
    super(`Invalid fixture ${file}: ${field}: ${problem}`, options);
    this.file = file;
    this.field = field;
  }
}
