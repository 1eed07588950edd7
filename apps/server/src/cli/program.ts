import 'reflect-metadata';
import fs from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { type INestApplicationContext } from '@nestjs/common';
import { Command, Option } from 'commander';
import { type Locale } from '@lowcode/app-model';
import { CoreModule } from '../app.module';
import { AppsService } from '../apps/apps.service';
import { generatePassword } from '../auth/password';
import { loadServerConfig } from '../config/server-config';
import { openDatabase } from '../database/open-database';
import { UsersService } from '../users/users.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { DEFAULT_WORKSPACE } from '../bootstrap/first-start.service';
import { TemplatesService } from '../templates/templates.service';
import { AuditService } from '../audit/audit.service';
import { readAppSource } from './read-app-source';

/** Boots the same services the API uses, without HTTP, runs one command and shuts down. */
async function withServices<T>(run: (context: INestApplicationContext) => Promise<T>): Promise<T> {
  // The CLI does its one command and leaves; the servers run the background work.
  const config = { ...loadServerConfig(), logLevel: process.env.LOG_LEVEL ?? 'warn', jobPollMs: 0 };
  const database = await openDatabase(config);
  const context = await NestFactory.createApplicationContext(CoreModule.forRoot(config, database.url), {
    logger: ['error', 'warn'],
  });
  try {
    return await run(context);
  } finally {
    await context.close();
    await database.close();
  }
}

async function workspaceId(context: INestApplicationContext, slug: string): Promise<string> {
  const workspace = await context.get(WorkspacesService).findBySlug(slug);
  if (!workspace) throw new Error(`Workspace "${slug}" does not exist`);
  return workspace.id;
}

export interface CliOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const workspaceOption = () =>
  new Option('-w, --workspace <slug>', 'workspace slug').default(DEFAULT_WORKSPACE.slug);

/** The `lowcode` command; output goes through `io` so tests can run it in-process. */
export function createProgram(io: CliOutput, locale: Locale = 'en'): Command {
  const program = new Command('lowcode').description('Lowcode platform command line').exitOverride();
  program.configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('import')
    .description('import an app definition from a JSON file or an app directory')
    .argument('<source>', 'file or directory')
    .option('--dry-run', 'only list what would be added, changed or removed')
    .addOption(workspaceOption())
    .action(async (source: string, options: { dryRun?: boolean; workspace: string }) => {
      const definition = readAppSource(source);
      const result = await withServices(async (context) =>
        context
          .get(AppsService)
          .import({ workspaceId: await workspaceId(context, options.workspace), userId: null }, definition, {
            dryRun: options.dryRun ?? false,
            locale,
          }),
      );
      const verb = result.dryRun ? 'would' : 'did';
      io.stdout(`${result.appKey}: ${result.action} (${verb} apply ${result.changes.length} change(s))\n`);
      for (const change of result.changes) {
        io.stdout(
          `  ${change.change.padEnd(6)} ${change.kind.padEnd(9)} ${change.path}${change.label ? `  ${change.label}` : ''}\n`,
        );
      }
    });

  program
    .command('export')
    .description('print an app definition in its canonical form')
    .argument('<app>', 'app key')
    .addOption(workspaceOption())
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .action(async (appKey: string, options: { workspace: string; out?: string }) => {
      const text = await withServices(async (context) =>
        context.get(AppsService).export(await workspaceId(context, options.workspace), appKey),
      );
      if (options.out) fs.writeFileSync(options.out, text);
      else io.stdout(text);
    });

  const template = program.command('template').description('the template gallery');
  template
    .command('list')
    .description('list installable templates and whether they are installed')
    .addOption(workspaceOption())
    .action(async (options: { workspace: string }) => {
      const templates = await withServices(async (context) =>
        context.get(TemplatesService).list(await workspaceId(context, options.workspace)),
      );
      for (const entry of templates) {
        const installed = entry.installed ? `installed v${entry.installed.version}` : 'not installed';
        io.stdout(`${entry.key}  v${entry.version}  ${entry.label['zh-CN']}  (${installed})\n`);
      }
    });
  template
    .command('install')
    .description('install or upgrade a template (demo data only with a fresh install)')
    .argument('<key>', 'template key, e.g. property')
    .option('--demo', 'load the demo company with a fresh install')
    .option('--dry-run', 'only list what would be added, changed or removed')
    .addOption(workspaceOption())
    .action(async (key: string, options: { demo?: boolean; dryRun?: boolean; workspace: string }) => {
      const result = await withServices(async (context) =>
        context
          .get(TemplatesService)
          .install({ workspaceId: await workspaceId(context, options.workspace), userId: null }, key, {
            dryRun: options.dryRun ?? false,
            demo: options.demo ?? false,
            locale,
          }),
      );
      const verb = result.dryRun ? 'would' : 'did';
      io.stdout(`${result.appKey}: ${result.action} (${verb} apply ${result.changes.length} change(s))\n`);
      if (result.demo) {
        const records = Object.values(result.demo.records).reduce((sum, count) => sum + count, 0);
        io.stdout(`demo data: ${result.demo.users} people, ${records} records\n`);
      }
    });

  const user = program.command('user').description('manage users');
  user
    .command('create')
    .description('create a user and add them to a workspace')
    .requiredOption('-u, --username <name>')
    .option('-p, --password <password>', 'generated and printed when omitted')
    .option('-n, --display-name <name>')
    .addOption(
      new Option('-r, --role <role>', 'workspace role').choices(['admin', 'member']).default('member'),
    )
    .option('--system-admin', 'may create workspaces')
    .addOption(workspaceOption())
    .action(
      async (options: {
        username: string;
        password?: string;
        displayName?: string;
        role: 'admin' | 'member';
        systemAdmin?: boolean;
        workspace: string;
      }) => {
        const password = options.password ?? generatePassword();
        await withServices(async (context) => {
          const id = await workspaceId(context, options.workspace);
          const created = await context.get(UsersService).create({
            username: options.username,
            password,
            displayName: options.displayName,
            isSystemAdmin: options.systemAdmin ?? false,
          });
          await context.get(WorkspacesService).addMember(id, created.id, options.role);
          await context.get(AuditService).record({
            workspaceId: id,
            actorId: null,
            action: 'user.created',
            target: created.username,
            details: { role: options.role, via: 'cli' },
          });
        });
        io.stdout(
          `created ${options.username} (${options.role} of ${options.workspace})` +
            (options.password ? '\n' : ` with password ${password}\n`),
        );
      },
    );
  user
    .command('set-password')
    .description("set a user's password")
    .argument('<username>')
    .option('-p, --password <password>', 'generated and printed when omitted')
    .action(async (username: string, options: { password?: string }) => {
      const password = options.password ?? generatePassword();
      await withServices((context) => context.get(UsersService).setPassword(username, password));
      io.stdout(`password of ${username} set` + (options.password ? '\n' : ` to ${password}\n`));
    });
  return program;
}
