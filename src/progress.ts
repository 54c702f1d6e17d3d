/**
 * Progress goes to stderr: one rewritten line on a terminal, plain lines otherwise (CI logs), nothing
 * with --quiet. stdout is kept for the archive path and --json.
 */
export interface Progress {
  step(message: string): void;
  warn(message: string): void;
  done(): void;
}

export function createProgress(stream: NodeJS.WritableStream & { isTTY?: boolean }, quiet: boolean): Progress {
  if (quiet) return { step() {}, warn() {}, done() {} };
  let count = 0;
  if (stream.isTTY) {
    let width = 0;
    const clear = () => stream.write(`\r${" ".repeat(width)}\r`);
    return {
      step(message) {
        count++;
        const line = `[${count}] ${message}`.slice(0, 120);
        clear();
        stream.write(line);
        width = line.length;
      },
      warn(message) {
        clear();
        stream.write(`warning: ${message}\n`);
        width = 0;
      },
      done() {
        clear();
        width = 0;
      },
    };
  }
  return {
    step(message) {
      stream.write(`${message}\n`);
    },
    warn(message) {
      stream.write(`warning: ${message}\n`);
    },
    done() {},
  };
}
