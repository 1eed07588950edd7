/**
 * The settings every report query runs under (`SET LOCAL`, so they end with its transaction). The
 * benchmark sets the same on its connection, so engine and hand-written SQL are timed alike.
 */
export const REPORT_SESSION = [
  // A report is one aggregate query; one that runs longer is stopped instead of holding a connection.
  "statement_timeout = '30s'",
  // PostgreSQL cannot tell how many buckets an expression such as a month makes and assumes one per row:
  // with the default 4 MB it then sorts a million rows on disk to group them, where hashing the 96 groups
  // takes a third of the time. With this much it hashes; a hash that really outgrows it spills to disk
  // (PostgreSQL 13+), so a grouping with millions of groups still runs. Measured in docs/reports.md.
  "work_mem = '64MB'",
  // The same blind estimate makes a grouping by two keys (month × category) look like a million groups, and
  // the planner then sorts every row to group them rather than hash: 1.27 s against 0.87 s for the 96 groups
  // of the benchmark's month × category chart. Without sorts it hashes; the ORDER BY over the few groups
  // still sorts (there is no other way), and so do percentiles and distinct counts, which must.
  'enable_sort = off',
  // The sorts that remain then cost 10^10 in the planner's units, far above the thresholds at which
  // PostgreSQL compiles a query with LLVM, inlined and optimised: half a second of compiling per report
  // over a million rows, which then runs in a few hundred milliseconds (the benchmark's six charts: 1.43 s
  // against 0.85 s run one after another). Report queries are short and different each time; none repays it.
  'jit = off',
] as const;
