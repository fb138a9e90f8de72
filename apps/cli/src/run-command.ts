import { type ParseArgsConfig, parseArgs } from 'node:util';
import { loadConfig } from '@paperboy/config';
import type { Command, CommandInput, OptionSpec } from './command.ts';
import { CliContext } from './context.ts';
import { describeError, redact, secretsOf, UsageError } from './errors.ts';
import { commandHelp, GLOBAL_OPTIONS } from './help.ts';

function parse(command: Command, args: string[]): CommandInput<Record<string, OptionSpec>> {
  const options: ParseArgsConfig['options'] = {};
  for (const [name, option] of Object.entries({ ...command.options, ...GLOBAL_OPTIONS }))
    options[name] = option.short ? { type: option.type, short: option.short } : { type: option.type };
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    // No option is `multiple`, so each value is a single string or boolean, as declared.
    return { values: values as CommandInput<Record<string, OptionSpec>>['values'], positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** One line on stderr (the stack too with --verbose), with secrets and addresses masked. */
function report(command: Command, error: unknown, verbose: boolean, secrets: string[]) {
  const hint = error instanceof UsageError ? ` (see \`paperboy ${command.name} --help\`)` : '';
  console.error(redact(`paperboy ${command.name}: ${describeError(error)}${hint}`, secrets));
  if (verbose && error instanceof Error && error.stack) console.error(redact(error.stack, secrets));
}

/** Parses the arguments, runs the command with fresh connections, closes them; resolves to the exit code. */
export async function runCommand(command: Command, args: string[]): Promise<number> {
  let secrets: string[] = [];
  let context: CliContext | undefined;
  try {
    const { values, positionals } = parse(command, args);
    if (values.help) {
      console.log(commandHelp(command));
      return 0;
    }
    if (positionals.length !== command.args.length) {
      throw new UsageError(command.args.length === 0 ? `unexpected argument "${positionals[0]}"` : `expected ${command.args.join(' ')}`);
    }
    const config = loadConfig();
    secrets = secretsOf(config);
    context = new CliContext(config);
    return await command.run({ values, positionals }, context);
  } catch (error) {
    report(command, error, args.includes('--verbose'), secrets);
    return error instanceof UsageError ? 2 : 1;
  } finally {
    await context?.close();
  }
}
