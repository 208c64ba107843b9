/** What the CLI is given instead of `process`: the bin builds it from the real process, tests from strings. */

export interface OutputStream {
  write(text: string): void;
  readonly isTTY: boolean;
  /** The terminal's width, when the stream is a terminal that says. */
  readonly columns?: number | undefined;
}

export interface Io {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
}
