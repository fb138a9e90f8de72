import type { CliContext } from './context.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Placeholder shown in help for a string option, e.g. "YYYY-MM-DD". */
  value?: string;
  short?: string;
}

type OptionValues<Options extends Record<string, OptionSpec>> = {
  [Name in keyof Options]?: Options[Name]['type'] extends 'boolean' ? boolean : string;
};

export interface CommandInput<Options extends Record<string, OptionSpec>> {
  values: OptionValues<Options>;
  positionals: string[];
}

export interface Command<Options extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  /** One or two words: "stats", "topics list". */
  name: string;
  summary: string;
  /** Positional arguments as shown in help, e.g. ["<file>"]; the command takes exactly these. */
  args: string[];
  options: Options;
  /** Extra help lines below the options. */
  notes?: string[];
  /** Resolves to the exit code. */
  run(input: CommandInput<Options>, context: CliContext): Promise<number>;
}

/** Keeps each command's option names and value types tied together for `run`. */
export function defineCommand<Options extends Record<string, OptionSpec>>(command: Command<Options>): Command {
  return command as unknown as Command;
}
