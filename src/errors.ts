/**
 * Errors that end a command with a specific exit code. Anything else that escapes is a bug and
 * ends with exit code 1 and a stack trace.
 */

/** Bad usage or bad input (config, mapping, HAR, archive, output folder): exit 2. */
export class InputError extends Error {
  override readonly name = "InputError";
  readonly exitCode = 2;
  /**
   * @param file the file (or folder) at fault, as the user named it
   * @param place where in it: "line 3, column 5", "requirements[4].checks[1]", ...
   * @param expected what was expected there, as a sentence fragment
   */
  constructor(
    readonly file: string,
    readonly place: string | undefined,
    readonly expected: string,
  ) {
    super(place ? `${file}: ${place}: ${expected}` : `${file}: ${expected}`);
  }
}

/** Bad command-line usage that is not tied to a file: exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  readonly exitCode = 2;
}

/** Nothing can be collected at all (no credential, no subscription visible): exit 3. */
export class CollectionImpossibleError extends Error {
  override readonly name = "CollectionImpossibleError";
  readonly exitCode = 3;
}

/** The archive cannot be signed as asked (key unusable, a required timestamp refused): exit 3. */
export class SigningError extends Error {
  override readonly name = "SigningError";
  readonly exitCode = 3;
}

export type ExitCodeError = InputError | UsageError | CollectionImpossibleError | SigningError;

export function isExitCodeError(error: unknown): error is ExitCodeError {
  return error instanceof InputError || error instanceof UsageError || error instanceof CollectionImpossibleError || error instanceof SigningError;
}
