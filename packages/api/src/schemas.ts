import { countSchema } from '@dangjian/domain';
import { z } from 'zod';

/**
 * The input schemas the routers share, written once. Every whole number a procedure takes that
 * lands in a PostgreSQL `integer` (int4) column or parameter is bounded to int4's range here, so
 * an out-of-range number is the caller's mistake (400 with a Chinese message) rather than a
 * database error (500). Years, dates and region codes are the domain's schemas (yearSchema,
 * isoDateSchema, regionCodeSchema), used as they are.
 */

/** The largest value of a PostgreSQL `integer` (int4) column: 2^31 − 1. */
export const INT4_MAX = 2_147_483_647;

/**
 * A record's number (a serial int4 primary key). `message` replaces the default wording for a
 * form field that names what to choose (e.g. '请选择党组织').
 */
export function idOf(message?: string) {
  const base = message
    ? z.number({ error: message }).int(message).positive(message)
    : z.number().int().positive();
  return base.max(INT4_MAX, message ?? '编号超出范围');
}

/** A record's number (a serial int4 primary key). */
export const idSchema = idOf();

/** A whole number ≥ 0 stored in an int4 column (households, members, quotas …). */
export const int4CountSchema = countSchema.max(INT4_MAX, '数值超出范围');

/** A whole number ≥ 1 stored in an int4 column (days, capacity, attendees …). */
export const positiveCountSchema = z.number().int().positive().max(INT4_MAX, '数值超出范围');

/** A required text of at most `max` characters; `empty` is the message for a blank one. */
export function textSchema(max: number, empty?: string) {
  return empty === undefined
    ? z.string().trim().min(1).max(max)
    : z.string().trim().min(1, empty).max(max);
}

/** A required text named `label`, with the messages 请填写{label} / {label}不能超过 {max} 个字. */
export function labelledText(label: string, max: number) {
  return z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字`);
}

/** An optional text named `label`: blank, null or absent all become null. */
export function optionalText(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`)
    .nullish()
    .transform((v) => (v ? v : null));
}

/** A search box's text (name, number …): at most 50 characters, optional. */
export const searchSchema = z.string().trim().max(50).optional();

/** A mobile number (1 + 10 digits) or a landline with its area code. */
export const PHONE_PATTERN = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;
