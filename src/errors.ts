/**
 * Bad input from the user (a policy, a state file, an HCL tree, a flag). The CLI prints `message` as one
 * line and exits 2. The message names the file, the line where known, and what is wrong, and never
 * contains a value read from the input that could be secret.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = "InputError";
  }
}

/** "file:line: message", or "file: message", the one-line form every input error takes. */
export function inputError(file: string | undefined, line: number | undefined, what: string): InputError {
  const where = file ? (line !== undefined ? `${file}:${line}: ` : `${file}: `) : "";
  return new InputError(`${where}${what}`, file, line);
}
