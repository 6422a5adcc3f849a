/**
 * The server's configuration: every environment variable it reads, validated once at start
 * (index.ts) with zod. A bad value stops the start with a message naming the variable and what
 * it must hold, in Chinese and in English. The README's table lists the same variables.
 * turbo passes only declared variables to tasks: each one here is in turbo.json.
 */
import { isIP } from 'node:net';
import {
  databaseEnvShape,
  databaseExpected,
  flag,
  FLAG,
  optional,
  parseEnv,
  withDefault,
  type Expected,
} from '@dangjian/db';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An integer in [min, max], written in decimal digits only. */
function integer(min: number, max: number) {
  return z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .refine((n) => n >= min && n <= max);
}

/** A comma-separated list; blanks around items are dropped. */
function list(item: (v: string) => boolean) {
  return z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((items) => items.every(item));
}

/** An origin as browsers send it: scheme, host and port, nothing else. */
function isOrigin(v: string): boolean {
  return URL.canParse(v) && /^https?:$/.test(new URL(v).protocol) && new URL(v).origin === v;
}

/** A proxy to trust: an IP address, a CIDR range, or one of proxy-addr's named ranges. */
function isProxy(v: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(v)) return true;
  const [address = '', bits, extra] = v.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

const shape = {
  ...databaseEnvShape,
  PORT: withDefault(integer(0, 65535), 3000),
  HOST: withDefault(z.string(), '0.0.0.0'),
  LOG_LEVEL: withDefault(z.enum(LOG_LEVELS), 'info'),
  ALLOWED_ORIGINS: withDefault(list(isOrigin), []),
  COOKIE_SECURE: flag(false),
  TRUST_PROXY: withDefault(list(isProxy), []),
  AUTO_SEED: flag(true),
  SEED_CITY: withDefault(z.string().regex(/^\d{2}(\d{2})?$/), '4307'),
  BACKUP_DIR: optional(z.string()),
  BACKUP_KEEP: optional(integer(1, 10_000)),
  WEB_CONCURRENCY: withDefault(integer(1, 64), 1),
};

export const serverExpected: Record<keyof typeof shape, Expected> = {
  ...databaseExpected,
  PORT: { zh: '0–65535 之间的整数端口号', en: 'an integer port number 0–65535' },
  HOST: { zh: '监听地址（如 0.0.0.0 或 127.0.0.1）', en: 'an address to listen on' },
  LOG_LEVEL: { zh: LOG_LEVELS.join('、') + ' 之一', en: `one of ${LOG_LEVELS.join(', ')}` },
  ALLOWED_ORIGINS: {
    zh: '逗号分隔的来源（如 http://localhost:5173，只含协议、主机和端口）',
    en: 'comma-separated origins (e.g. http://localhost:5173: scheme, host and port only)',
  },
  COOKIE_SECURE: FLAG,
  TRUST_PROXY: {
    zh: '逗号分隔的反向代理地址或网段（如 127.0.0.1,10.0.0.0/8，或 loopback）；不设则不信任任何代理',
    en: 'comma-separated proxy addresses or CIDR ranges (e.g. 127.0.0.1,10.0.0.0/8, or loopback); unset trusts none',
  },
  AUTO_SEED: FLAG,
  SEED_CITY: {
    zh: '4 位市级区划代码（如 4307）或 2 位省级代码（如 43）',
    en: 'a 4-digit city code (e.g. 4307) or a 2-digit province code (e.g. 43)',
  },
  BACKUP_DIR: { zh: '备份文件目录', en: 'a folder for backups' },
  BACKUP_KEEP: {
    zh: '1–10000 之间的整数（保留的备份份数）',
    en: 'an integer 1–10000 (backups kept)',
  },
  WEB_CONCURRENCY: {
    zh: '1–64 之间的整数（服务进程数；大于 1 时需 DATABASE_URL）',
    en: 'an integer 1–64 (server processes; more than 1 needs DATABASE_URL)',
  },
};

export const serverEnvSchema = z.object(shape).superRefine((env, ctx) => {
  if (env.WEB_CONCURRENCY > 1 && !env.DATABASE_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['WEB_CONCURRENCY'],
      params: { verbatim: true },
      message:
        'WEB_CONCURRENCY：多个服务进程需要 PostgreSQL 服务器（DATABASE_URL）；内置数据库（PGlite）只能由一个进程打开。' +
        '\n  WEB_CONCURRENCY: more than one server process needs a PostgreSQL server (DATABASE_URL); the embedded database (PGlite) opens in one process only.',
    });
  }
  if (env.DATABASE_URL && !env.PII_ENCRYPTION_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['PII_ENCRYPTION_KEY'],
      params: { verbatim: true },
      message:
        'PII_ENCRYPTION_KEY：设置了 DATABASE_URL 时必须提供（32 字节密钥的 base64，openssl rand -base64 32；身份证号用它加密，须妥善保存）。' +
        '\n  PII_ENCRYPTION_KEY: required with DATABASE_URL (a 32-byte key in base64, openssl rand -base64 32; ID numbers are encrypted with it: keep it).',
    });
  }
});

export type ServerEnv = z.output<typeof serverEnvSchema>;

/** Parses the server's variables from `source` (process.env); throws EnvError naming each bad one. */
export function parseServerEnv(source: Readonly<Record<string, string | undefined>>): ServerEnv {
  return parseEnv(serverEnvSchema, serverExpected, source);
}

/** fastify's trustProxy: false when no proxy is configured, else only the listed ones. */
export function trustProxyOption(proxies: readonly string[]): false | string[] {
  return proxies.length === 0 ? false : [...proxies];
}
