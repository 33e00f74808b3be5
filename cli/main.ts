// `topo`: the command-line tool for pipelines. Parses arguments, dispatches to a command from the
// registry, and turns every failure into a message and an exit code (never a stack trace).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CliIo } from './io';
import { EXIT } from './io';
import { COMMANDS, findCommand } from './commands';
import { PRODUCT_VERSION } from '../shared/export/versions';

const VERSION = PRODUCT_VERSION;

function usage(): string {
  const lines = [
    `topo ${VERSION}: validate, cost and break Topology Designer files (.topo.yaml)`,
    '',
    'Usage: topo <command> FILE [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(44)} ${c.summary}`),
    '',
    'Options:',
    '  --format table|json|csv|md   output format (default: table)',
    '  --fail-on error|warning      exit 1 on errors (default) or on warnings too (validate)',
    '  --by GROUP                   cost grouping: category (default), region, cluster, pool, line',
    '  --domain ID                  one failure domain, e.g. zone:use1-a or cluster:use1-ml (blast)',
    '  --out DIR                    folder to write the bundle into (export)',
    '  --stack NAME                 Pulumi stack of the bundle (export; default: dev)',
    '  --a SIDE, --b SIDE           what to compare: design or a scenario id (compare; default: design',
    '                               against the first scenario)',
    '  -h, --help                   this help',
    '  -v, --version                the version',
    '',
    'Exit codes: 0 ok, 1 the design has problems at or above --fail-on (export: design errors or invalid',
    'generated files), 2 bad usage, an unreadable file or a bundle that cannot be written.',
    'Messages read file:line:col: severity code: message.',
  ];
  return `${lines.join('\n')}\n`;
}

/** Runs the tool on `argv` (without node and script) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        domain: { type: 'string' },
        by: { type: 'string' },
        out: { type: 'string' },
        stack: { type: 'string' },
        a: { type: 'string' },
        b: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    io.stderr(`topo: ${error instanceof Error ? error.message : String(error)}\n\n${usage()}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const [name, ...rest] = positionals;
  if (values.help || !name) {
    (name || values.help ? io.stdout : io.stderr)(usage());
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const command = findCommand(name);
  if (!command) {
    io.stderr(`topo: unknown command "${name}"\n\n${usage()}`);
    return EXIT.usage;
  }
  const format = values.format ?? 'table';
  if (!['table', 'json', 'csv', 'md'].includes(format)) {
    io.stderr(`topo: --format must be table, json, csv or md, not "${format}"\n`);
    return EXIT.usage;
  }
  const failOn = values['fail-on'] ?? 'error';
  if (failOn !== 'error' && failOn !== 'warning') {
    io.stderr(`topo: --fail-on must be error or warning, not "${failOn}"\n`);
    return EXIT.usage;
  }
  if (rest.length !== 1) {
    io.stderr(`topo: ${command.name} takes one file\n\nUsage: topo ${command.usage}\n`);
    return EXIT.usage;
  }
  return command.run({
    file: rest[0]!,
    format: format as 'table' | 'json' | 'csv' | 'md',
    failOn,
    domain: values.domain,
    by: values.by,
    out: values.out,
    stack: values.stack,
    a: values.a,
    b: values.b,
    version: VERSION,
    io,
  });
}

/** The real process: stdio, the file system and the exit code. */
async function main(): Promise<void> {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => readFileSync(path),
    isTty: Boolean(process.stdout.isTTY),
  };
  try {
    process.exitCode = await run(process.argv.slice(2), io);
  } catch (error) {
    process.stderr.write(
      `topo: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 70;
  }
}

if (process.argv[1] && /topo(\.mjs)?$|main\.ts$/.test(process.argv[1])) void main();
