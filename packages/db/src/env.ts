/**
 * Configuration from environment variables, validated once with zod. The database variables
 * live here (the db scripts read them too); apps/server extends them with its own
 * (apps/server/src/env.ts). Nothing else reads process.env for configuration.
 */
import { z } from 'zod';

/** What a variable must hold, in Chinese for people and in English for logs. */
export interface Expected {
  zh: string;
  en: string;
  /** Never echo the value (keys, URLs that may carry a password). */
  secret?: boolean;
}

/** One bad variable: its name, what it must hold and the value it had. */
export interface EnvIssue {
  variable: string;
  message: string;
}

/** Raised at start when a variable holds a bad value; the message names every bad variable. */
export class EnvError extends RangeError {
  readonly issues: readonly EnvIssue[];
  constructor(issues: readonly EnvIssue[]) {
    super(
      [
        '环境变量配置有误 / Invalid environment configuration:',
        ...issues.map((i) => i.message),
      ].join('\n'),
    );
    this.name = 'EnvError';
    this.issues = issues;
  }
}

/** An unset or empty variable is "not set" (`FOO= pnpm start` means the default). */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
}

/** Like optional, with a default for an unset or empty variable. */
export function withDefault<T extends z.ZodType>(schema: T, value: z.output<T>) {
  return optional(schema).transform((v): z.output<T> => v ?? value);
}

/** A yes/no switch: 1/true/yes/on or 0/false/no/off. */
export function flag(defaultValue: boolean) {
  return optional(z.enum(['1', 'true', 'yes', 'on', '0', 'false', 'no', 'off'])).transform((v) =>
    v === undefined ? defaultValue : ['1', 'true', 'yes', 'on'].includes(v),
  );
}

export const FLAG: Omit<Expected, 'secret'> = {
  zh: '1 或 0（true/false、yes/no、on/off）',
  en: '1 or 0 (true/false, yes/no, on/off)',
};

/** 32 bytes written in base64 (`openssl rand -base64 32`). */
function isKey(v: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32;
}

export const databaseEnvShape = {
  DATABASE_URL: optional(
    z.string().refine((v) => URL.canParse(v) && /^postgres(ql)?:\/\//.test(v)),
  ),
  /** The tables' owner (migrations, seed); DATABASE_URL is then the runtime login role. */
  MIGRATION_DATABASE_URL: optional(
    z.string().refine((v) => URL.canParse(v) && /^postgres(ql)?:\/\//.test(v)),
  ),
  PGLITE_DATA_DIR: optional(z.string()),
  PII_ENCRYPTION_KEY: optional(z.string().refine(isKey)),
  /** pg_dump's role (dangjian_backup) for `pnpm db:backup` on a server; unset: DATABASE_URL. */
  BACKUP_DATABASE_URL: optional(
    z.string().refine((v) => URL.canParse(v) && /^postgres(ql)?:\/\//.test(v)),
  ),
};

export const databaseExpected: Record<keyof typeof databaseEnvShape, Expected> = {
  DATABASE_URL: {
    zh: 'postgres://用户:密码@主机:端口/数据库 形式的连接地址（不设则用内嵌 PGlite）',
    en: 'a postgres://user:password@host:port/database URL (unset: embedded PGlite)',
    secret: true,
  },
  MIGRATION_DATABASE_URL: {
    zh: '表所有者的 postgres:// 连接地址（迁移与初始数据用；不设则用 DATABASE_URL）',
    en: "the tables' owner's postgres:// URL (migrations and seed; unset: DATABASE_URL)",
    secret: true,
  },
  PGLITE_DATA_DIR: { zh: '内嵌数据库的数据目录', en: 'a folder for the embedded database' },
  BACKUP_DATABASE_URL: {
    zh: '备份角色（dangjian_backup）的 postgres:// 连接地址，供 pg_dump 使用',
    en: "the backup role's (dangjian_backup) postgres:// URL, for pg_dump",
    secret: true,
  },
  PII_ENCRYPTION_KEY: {
    zh: '32 字节密钥的 base64 编码（openssl rand -base64 32 生成）',
    en: 'a 32-byte key in base64 (openssl rand -base64 32)',
    secret: true,
  },
};

export const databaseEnvSchema = z.object(databaseEnvShape);
export type DatabaseEnv = z.infer<typeof databaseEnvSchema>;

/** The message for one bad variable: Chinese, then English, naming what was found. */
export function envMessage(variable: string, expected: Expected, value: unknown): string {
  const got =
    value === undefined
      ? { zh: '未设置', en: 'unset' }
      : expected.secret
        ? { zh: '值已隐去', en: 'value hidden' }
        : { zh: `收到 ${JSON.stringify(value)}`, en: `got ${JSON.stringify(value)}` };
  return (
    `  ${variable}：应为${expected.zh}（${got.zh}）。` +
    `\n  ${variable}: expected ${expected.en} (${got.en}).`
  );
}

/**
 * Parses `source` (process.env) with `schema`; throws one EnvError naming every bad variable.
 * `expected` describes each variable; a rule between variables (superRefine) gives its own
 * message with `params: { verbatim: true }`.
 */
export function parseEnv<S extends z.ZodType<unknown, Record<string, unknown>>>(
  schema: S,
  expected: Readonly<Record<string, Expected>>,
  source: Readonly<Record<string, string | undefined>>,
): z.output<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const issues: EnvIssue[] = [];
  for (const issue of result.error.issues) {
    const variable = String(issue.path[0] ?? '');
    const described = expected[variable];
    const verbatim = issue.code === 'custom' && issue.params?.verbatim === true;
    const message =
      described && !verbatim
        ? envMessage(variable, described, source[variable])
        : `  ${issue.message}`;
    if (!issues.some((i) => i.message === message)) issues.push({ variable, message });
  }
  throw new EnvError(issues);
}

let cached: DatabaseEnv | undefined;

/** The database variables of this process, parsed once (db scripts and the library defaults). */
export function databaseEnv(): DatabaseEnv {
  cached ??= parseEnv(databaseEnvSchema, databaseExpected, process.env);
  return cached;
}
