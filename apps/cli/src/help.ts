import type { Command, OptionSpec } from './command.ts';
import { formatTable } from './table.ts';

/** Options every command takes. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
  verbose: { type: 'boolean', description: 'Show the stack trace of an error' },
};

const indent = (text: string) => text.replace(/^/gm, '  ');

function usage(command: Command): string {
  return ['paperboy', command.name, ...command.args].join(' ');
}

/** The command list: all of them, or those of one group ("topics"). */
export function mainHelp(commands: readonly Command[]): string {
  const rows = commands.map((command) => [usage(command).slice('paperboy '.length), command.summary]);
  return [
    'Usage: paperboy <command> [options]',
    '',
    'Operate a Paperboy installation. Settings come from the environment, as for the service',
    '(DATABASE_URL, REDIS_URL, ...).',
    '',
    'Commands:',
    indent(formatTable(rows)),
    '',
    'Run `paperboy <command> --help` for its options. --verbose shows stack traces on errors.',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const options = Object.entries({ ...command.options, ...GLOBAL_OPTIONS }).map(([name, option]) => [
    `${option.short ? `-${option.short}, ` : ''}--${name}${option.value ? ` ${option.value}` : ''}`,
    option.description,
  ]);
  const notes = command.notes?.length ? ['', ...command.notes] : [];
  return [`Usage: ${usage(command)} [options]`, '', command.summary, '', 'Options:', indent(formatTable(options)), ...notes].join('\n');
}
