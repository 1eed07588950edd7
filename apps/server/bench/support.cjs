// What every server benchmark shares: a database of its own, the `BENCH <name> <value>` line, a median.
const { Client } = require('pg');

const report = (name, value) => console.log(`BENCH ${name} ${Number(value.toFixed(3))}`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * A fresh database named after the benchmark: on DATABASE_URL's server when set, else on a throw-away
 * embedded PostgreSQL, as the tests use. `stop()` drops it (and stops the embedded server).
 */
async function startDatabase(benchmark) {
  const { startThrowawayPostgres } = await import('../test/support/throwaway-postgres.mjs');
  const server = process.env.DATABASE_URL ? undefined : await startThrowawayPostgres();
  const adminUrl = process.env.DATABASE_URL || server.url;
  const name = `lowcode_bench_${benchmark}_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      await server?.stop();
    },
  };
}

module.exports = { report, median, startDatabase };
