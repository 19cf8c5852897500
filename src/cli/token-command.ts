/** `sitrep token create --role viewer|analyst|admin [--name NAME]`, `token list`, `token revoke ID` */
import { Option, type Command } from 'commander';
import {
  TOKEN_ROLES,
  createToken,
  listTokens,
  revokeToken,
  type TokenRole,
} from '../store/index.js';
import { withStore, type DbFlags } from './context.js';
import { UsageError } from './errors.js';
import { positiveInt } from './parse.js';
import { renderTable } from './table.js';

export function registerToken(program: Command): void {
  const token = program.command('token').description('API tokens for `sitrep serve`');

  token
    .command('create')
    .description('create a token and print it once (only its SHA-256 is stored)')
    .addOption(
      new Option('--role <role>', 'what the token may do')
        .choices([...TOKEN_ROLES])
        .makeOptionMandatory(),
    )
    .option('--name <name>', 'who or what the token is for (shown in the audit log)')
    .action(async (flags: { role: TokenRole; name?: string }, cmd: Command) => {
      const name = (flags.name ?? flags.role).trim();
      if (!name) throw new UsageError('--name: must not be empty');
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        const { token: secret, info } = await createToken(store, { role: flags.role, name });
        console.error(`token ${info.id} (${info.role}, "${info.name}"); it is shown only once:`);
        console.log(secret);
      });
    });

  token
    .command('list')
    .description('list tokens (never their secrets)')
    .option('--all', 'include revoked tokens')
    .option('--json', 'print JSON')
    .action(async (flags: { all?: boolean; json?: boolean }, cmd: Command) => {
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        const tokens = await listTokens(store, { includeRevoked: Boolean(flags.all) });
        if (flags.json) return void console.log(JSON.stringify(tokens));
        if (tokens.length === 0) return void console.log('no tokens');
        console.log(renderTable(tokens, ['id', 'name', 'role', 'created_at', 'revoked_at']));
      });
    });

  token
    .command('revoke')
    .description('revoke a token by id; it stops working at once')
    .argument('<id>', 'token id (see token list)')
    .action(async (id: string, _flags: unknown, cmd: Command) => {
      const n = positiveInt(id, 'id');
      await withStore(cmd.optsWithGlobals<DbFlags>(), async (store) => {
        if (!(await revokeToken(store, n))) throw new UsageError(`no live token ${n}`);
        console.log(`token ${n} revoked`);
      });
    });
}
