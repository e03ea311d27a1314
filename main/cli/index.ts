import { runCli } from './run';
import { commands } from './commands';

/** Entry point of the `steward` command (bin/steward.js builds, then requires this). */
export async function main(argv: string[]): Promise<number> {
  return runCli(commands, argv, {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTty: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
  });
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    () => { process.stderr.write('Error: Steward could not start.\n'); process.exitCode = 1; },
  );
}
