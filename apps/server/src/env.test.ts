import { EnvError } from '@dangjian/db';
import { describe, expect, it } from 'vitest';
import { parseServerEnv } from './env';

const KEY = Buffer.alloc(32, 1).toString('base64');

function failure(source: Record<string, string>): EnvError {
  try {
    parseServerEnv(source);
  } catch (err) {
    if (err instanceof EnvError) return err;
    throw err;
  }
  throw new TypeError('expected an EnvError');
}

describe('server configuration from the environment', () => {
  it('has documented defaults when nothing is set', () => {
    expect(parseServerEnv({})).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'info',
      ALLOWED_ORIGINS: [],
      COOKIE_SECURE: false,
      TRUST_PROXY: [],
      AUTO_SEED: true,
      SEED_CITY: '4307',
      WEB_CONCURRENCY: 1,
    });
    expect(parseServerEnv({}).DATABASE_URL).toBeUndefined();
  });

  it('treats an empty variable as unset (its default)', () => {
    expect(parseServerEnv({ PORT: '', TRUST_PROXY: '', AUTO_SEED: '' })).toMatchObject({
      PORT: 3000,
      TRUST_PROXY: [],
      AUTO_SEED: true,
    });
  });

  it('reads a port, switches, lists of origins and proxies', () => {
    expect(
      parseServerEnv({
        PORT: '8080',
        COOKIE_SECURE: '1',
        AUTO_SEED: '0',
        ALLOWED_ORIGINS: 'http://localhost:5173, https://dj.example.cn',
        TRUST_PROXY: '127.0.0.1,10.0.0.0/8,::1,loopback',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/dangjian',
        PII_ENCRYPTION_KEY: KEY,
      }),
    ).toMatchObject({
      PORT: 8080,
      COOKIE_SECURE: true,
      AUTO_SEED: false,
      ALLOWED_ORIGINS: ['http://localhost:5173', 'https://dj.example.cn'],
      TRUST_PROXY: ['127.0.0.1', '10.0.0.0/8', '::1', 'loopback'],
    });
  });

  it('refuses PORT=abc with a message naming PORT and what it must be, in Chinese and English', () => {
    const err = failure({ PORT: 'abc' });
    expect(err.issues.map((i) => i.variable)).toEqual(['PORT']);
    expect(err.message).toContain('PORT：应为0–65535 之间的整数端口号（收到 "abc"）');
    expect(err.message).toContain('PORT: expected an integer port number 0–65535 (got "abc")');
  });

  it('names every bad variable at once', () => {
    const err = failure({
      PORT: '70000',
      LOG_LEVEL: 'loud',
      COOKIE_SECURE: 'maybe',
      TRUST_PROXY: 'everyone',
      ALLOWED_ORIGINS: 'localhost:5173',
      SEED_CITY: '43070',
    });
    expect(err.issues.map((i) => i.variable).sort()).toEqual(
      ['ALLOWED_ORIGINS', 'COOKIE_SECURE', 'LOG_LEVEL', 'PORT', 'SEED_CITY', 'TRUST_PROXY'].sort(),
    );
    expect(err.message).toContain('TRUST_PROXY：应为逗号分隔的反向代理地址或网段');
  });

  it('refuses a TRUST_PROXY of true: trusting every sender is not an option', () => {
    expect(failure({ TRUST_PROXY: 'true' }).issues[0]?.variable).toBe('TRUST_PROXY');
    expect(failure({ TRUST_PROXY: '10.0.0.0/33' }).issues[0]?.variable).toBe('TRUST_PROXY');
  });

  it('refuses a key that is not 32 bytes without echoing it', () => {
    const err = failure({ PII_ENCRYPTION_KEY: 'c2hvcnQ=' });
    expect(err.message).toContain('PII_ENCRYPTION_KEY：应为32 字节密钥的 base64 编码');
    expect(err.message).toContain('值已隐去');
    expect(err.message).not.toContain('c2hvcnQ=');
  });

  it('refuses a DATABASE_URL that is not postgres:// and a server database without a key', () => {
    expect(failure({ DATABASE_URL: 'mysql://x@y/z', PII_ENCRYPTION_KEY: KEY }).issues).toEqual([
      expect.objectContaining({ variable: 'DATABASE_URL' }),
    ]);
    const err = failure({ DATABASE_URL: 'postgres://u:secret@127.0.0.1/dangjian' });
    expect(err.issues.map((i) => i.variable)).toEqual(['PII_ENCRYPTION_KEY']);
    expect(err.message).toContain('设置了 DATABASE_URL 时必须提供');
    expect(err.message).not.toContain('secret');
  });

  it('runs several server processes only on a PostgreSQL server: PGlite opens in one process', () => {
    const server = { DATABASE_URL: 'postgres://u@127.0.0.1/dangjian', PII_ENCRYPTION_KEY: KEY };
    expect(parseServerEnv({ ...server, WEB_CONCURRENCY: '4' }).WEB_CONCURRENCY).toBe(4);
    const err = failure({ WEB_CONCURRENCY: '2' });
    expect(err.issues.map((i) => i.variable)).toEqual(['WEB_CONCURRENCY']);
    expect(err.message).toContain('多个服务进程需要 PostgreSQL 服务器');
    expect(failure({ ...server, WEB_CONCURRENCY: '0' }).message).toContain('1–64 之间的整数');
  });
});
