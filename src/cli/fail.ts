/** Prints a message on stderr and exits with `code` (one of EXIT). */
export function fail(code: number, message: string): never {
  process.stderr.write(message.endsWith('\n') ? message : `${message}\n`);
  process.exit(code);
}
