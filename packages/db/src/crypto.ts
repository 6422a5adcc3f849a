import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import { databaseEnv } from './env';

/**
 * Password hashing with argon2id (memory-hard), OWASP's minimum profile: 19 MiB, 2 passes,
 * 1 lane. The encoded hash carries its parameters, so they can be raised later.
 */
const ARGON2 = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */ as const,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(encoded: string, password: string): Promise<boolean> {
  try {
    return await verify(encoded, password);
  } catch {
    return false;
  }
}

/** A hash of a random password: verifying against it costs the same as against a real one. */
let dummy: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}

/**
 * Encryption at rest of personal data (ID numbers): AES-256-GCM with a 32-byte key from
 * PII_ENCRYPTION_KEY (base64). Stored as "v1:<iv>:<tag>:<ciphertext>", all base64.
 */
export class PiiCipher {
  readonly #key: Buffer;
  constructor(key: Buffer) {
    if (key.length !== 32) throw new RangeError('PII_ENCRYPTION_KEY 须为 32 字节（base64 编码）');
    this.#key = key;
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${ct.toString('base64')}`;
  }

  decrypt(stored: string): string {
    const [version, iv, tag, ct] = stored.split(':');
    if (version !== 'v1' || !iv || !tag || ct === undefined)
      throw new RangeError('无法识别的加密格式');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  }
}

/**
 * The PII key: PII_ENCRYPTION_KEY when set. For the embedded database only, a key is created
 * once beside the data folder (pii.key, mode 0600) so the first start needs no setup; a real
 * server must be given the key explicitly.
 */
export function loadPiiCipher(options: {
  driver: 'pglite' | 'postgres';
  dataDir?: string | undefined;
  /** The key in base64; defaults to PII_ENCRYPTION_KEY. */
  key?: string | undefined;
}): PiiCipher {
  const key = options.key ?? databaseEnv().PII_ENCRYPTION_KEY;
  if (key) return new PiiCipher(Buffer.from(key, 'base64'));
  if (
    options.driver === 'postgres' ||
    !options.dataDir ||
    options.dataDir.startsWith('memory://')
  ) {
    throw new RangeError('未设置 PII_ENCRYPTION_KEY（32 字节密钥的 base64），无法加密身份证号');
  }
  const file = path.join(path.dirname(options.dataDir), 'pii.key');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return new PiiCipher(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
}
