import { InitialSchema1763800000000 } from './1763800000000-initial-schema';
import { Records1763900000000 } from './1763900000000-records';
import { MemberAppRoles1764000000000 } from './1764000000000-member-app-roles';
import { MemberAttributes1764100000000 } from './1764100000000-member-attributes';
import { LoginFailures1764200000000 } from './1764200000000-login-failures';
import { AuditLog1764300000000 } from './1764300000000-audit-log';
import { JobsAndRules1764400000000 } from './1764400000000-jobs-and-rules';
import { Flows1764500000000 } from './1764500000000-flows';
import { ApiKeys1764600000000 } from './1764600000000-api-keys';
import { AppChangeIndex1764650000000 } from './1764650000000-app-change-index';
import { RateLimitBuckets1764700000000 } from './1764700000000-rate-limit-buckets';
import { ChangeLogChecks1764800000000 } from './1764800000000-change-log-checks';
import { EntityChangeIndex1764900000000 } from './1764900000000-entity-change-index';
import { FlowStateWithoutHistory1765000000000 } from './1765000000000-flow-state-without-history';
import { Departments1765100000000 } from './1765100000000-departments';

/** Every migration, oldest first. The schema changes only through these; `synchronize` is never on. */
export const MIGRATIONS = [
  InitialSchema1763800000000,
  Records1763900000000,
  MemberAppRoles1764000000000,
  MemberAttributes1764100000000,
  LoginFailures1764200000000,
  AuditLog1764300000000,
  JobsAndRules1764400000000,
  Flows1764500000000,
  ApiKeys1764600000000,
  AppChangeIndex1764650000000,
  RateLimitBuckets1764700000000,
  ChangeLogChecks1764800000000,
  EntityChangeIndex1764900000000,
  FlowStateWithoutHistory1765000000000,
  Departments1765100000000,
];
