// `paperboy <command>`: finds the command and hands it the rest of the arguments.
import { COMMANDS } from './commands/index.ts';
import { mainHelp } from './help.ts';
import { runCommand } from './run-command.ts';

async function dispatch(args: string[]): Promise<number> {
  const [first = '', second = ''] = args;
  const command = COMMANDS.find(({ name }) => name === `${first} ${second}`) ?? COMMANDS.find(({ name }) => name === first);
  if (command) return runCommand(command, args.slice(command.name.split(' ').length));
  const group = COMMANDS.filter(({ name }) => name.startsWith(`${first} `));
  if (args.includes('--help') || args.includes('-h')) {
    console.log(mainHelp(group.length > 0 ? group : COMMANDS));
    return 0;
  }
  const subcommands = group.map(({ name }) => name.slice(first.length + 1)).join(', ');
  if (group.length > 0) console.error(`paperboy ${first}: expected one of: ${subcommands} (see \`paperboy ${first} --help\`)`);
  else console.error(`paperboy: ${first ? `unknown command "${first}"` : 'no command given'} (see \`paperboy --help\`)`);
  return 2;
}

process.exitCode = await dispatch(process.argv.slice(2));
