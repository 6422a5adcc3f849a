export { openDatabase } from './client';
export type {
  Database,
  DatabaseHandle,
  DatabaseOptions,
  Driver,
  Schema,
  Transaction,
} from './client';
export {
  databaseEnv,
  databaseEnvShape,
  databaseExpected,
  EnvError,
  envMessage,
  FLAG,
  flag,
  optional,
  parseEnv,
  withDefault,
  type DatabaseEnv,
  type EnvIssue,
  type Expected,
} from './env';
export { defined } from './defined';
export { rowsOf } from './rows';
export { defaultDataDir, migrationsFolder, workspaceRoot } from './paths';
export { inRegion, isCountyUnit, likeContains } from './scope';
export {
  dummyPasswordHash,
  hashPassword,
  loadPiiCipher,
  PiiCipher,
  verifyPassword,
} from './crypto';
