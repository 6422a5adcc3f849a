import { z } from 'zod';
import { DomainError } from '../errors';
import { isWithinRegion, REGION_PREFIX_LENGTH, regionCodeSchema, regionLevelOf } from '../regions';
import type { RegionCode } from '../regions';
import { idSchema, isoDateSchema, parseInput } from '../validation';
import type { IsoDate } from '../validation';
import { addMonths } from './calendar';
import type { MemberPolicyValues } from './member-policy';

/**
 * Mobile members (流动党员): members who left to work or live elsewhere while their relation
 * stays at home. 常委〔2012〕5号 第三条: find them (流动党员排查, 党组织找党员、党员找党组织), set up
 * mobile members' organisations where many have gone, and keep a system in which the destination
 * leads and the origin cooperates (流入地为主、流出地配合), with contact between the two
 * organisations; 岳阳市委组织部2015年基层党建通知 第六部分 asks for mobile branches and better
 * management of mobile members.
 */

export const outflowSchema = z.object({
  memberId: idSchema,
  /** Region of the member's home organisation (where the relation stays). */
  regionCode: regionCodeSchema,
  /** Where they went: the division code when known, and the place in words. */
  destinationRegionCode: regionCodeSchema.nullable().default(null),
  destinationPlace: z.string().trim().min(1, '外出地点不能为空'),
  /** Day they left (外出时间). */
  since: isoDateSchema,
  /** A phone number to reach them while away. */
  contactPhone: z
    .string()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '联系电话格式不正确')
    .nullable()
    .default(null),
  /** The Party organisation at the destination that takes part in managing them, if any. */
  destinationOrgName: z.string().trim().min(1).nullable().default(null),
  /** Last day the home or destination organisation was in touch with them. */
  lastContactOn: isoDateSchema.nullable().default(null),
  /** Day they came back (the outflow ends). */
  returnedOn: isoDateSchema.nullable().default(null),
});
export type OutflowInput = z.input<typeof outflowSchema>;
export type Outflow = z.output<typeof outflowSchema>;

function rule(field: string, message: string): DomainError {
  return new DomainError('RULE_VIOLATION', field, message);
}

/**
 * Validates the registration of a member's outflow (流动党员登记, 常委〔2012〕5号 第三条): left
 * on or after joining and not after `asOf`; the last contact and the return not before leaving
 * and not after `asOf`; the destination outside the home region's county when its code is given
 * (moving inside one's county is not an outflow). Throws a DomainError naming the field.
 */
export function parseOutflow(input: OutflowInput, joinedOn: IsoDate, asOf: IsoDate): Outflow {
  const o = parseInput(outflowSchema, input);
  if (o.since < joinedOn) throw rule('since', `外出时间不能早于入党时间（${joinedOn}）`);
  if (o.since > asOf) throw rule('since', `外出时间不能晚于 ${asOf}`);
  for (const key of ['lastContactOn', 'returnedOn'] as const) {
    const d = o[key];
    if (d !== null && (d < o.since || d > asOf)) {
      throw rule(key, `应在外出时间（${o.since}）之后、不晚于 ${asOf}`);
    }
  }
  const county = `${o.regionCode.slice(0, REGION_PREFIX_LENGTH.county)}000000`;
  if (o.destinationRegionCode !== null && isWithinRegion(o.destinationRegionCode, county)) {
    throw rule('destinationRegionCode', '外出地点在本县（市、区）内，不属于外出流动');
  }
  return o;
}

export interface ContactStatus {
  /** Away on `asOf` (left, not yet back). */
  away: boolean;
  /** The day contact is counted from: the last contact, or the day they left when none. */
  countedFrom: IsoDate;
  /** The day from which they count as out of contact if nobody reaches them. */
  outOfContactFrom: IsoDate;
  outOfContact: boolean;
}

/**
 * Whether a mobile member is out of contact (失去联系) on `asOf` (常委〔2012〕5号 第三条,
 * 流出地配合): no contact for mobileOutOfContactMonths (6) months since the last contact, or since
 * leaving when there was none — out of contact from the day those months are full (last contact
 * 2015-01-31 → out of contact from 2015-07-31). A member who came back is not away and not out of
 * contact.
 */
export function mobileContactStatus(
  outflow: OutflowInput,
  asOf: IsoDate,
  values: Pick<MemberPolicyValues, 'mobileOutOfContactMonths'>,
): ContactStatus {
  const o = parseInput(outflowSchema, outflow);
  parseInput(isoDateSchema, asOf);
  const away = o.since <= asOf && (o.returnedOn === null || o.returnedOn > asOf);
  const countedFrom = o.lastContactOn ?? o.since;
  const outOfContactFrom = addMonths(countedFrom, values.mobileOutOfContactMonths);
  return { away, countedFrom, outOfContactFrom, outOfContact: away && asOf >= outOfContactFrom };
}

export interface MobileDestinationRow {
  /** Destination region at the chosen level (province or city), or null when not coded. */
  destinationRegionCode: RegionCode | null;
  members: number;
  outOfContact: number;
  /** Members whom a destination organisation takes part in managing (流入地为主). */
  withDestinationOrg: number;
}

const rollupSchema = z.object({
  countyCode: regionCodeSchema,
  outflows: z.array(outflowSchema),
  asOf: isoDateSchema,
  by: z.enum(['province', 'city']).default('city'),
});

/**
 * A county's mobile members by destination (常委〔2012〕5号 第三条: set up mobile members'
 * organisations where many have gone): members of the county away on `asOf`, counted per
 * destination province or city (uncoded destinations together under null, listed last), with how
 * many are out of contact (mobileContactStatus) and how many a destination organisation takes part
 * in managing. Largest destinations first, then by code.
 */
export function mobileMembersByDestination(
  input: z.input<typeof rollupSchema>,
  values: Pick<MemberPolicyValues, 'mobileOutOfContactMonths'>,
): MobileDestinationRow[] {
  const p = parseInput(rollupSchema, input);
  if (regionLevelOf(p.countyCode) !== 'county') {
    throw new DomainError('INVALID_INPUT', 'countyCode', '应为县（市、区）一级区划代码');
  }
  const rows = new Map<RegionCode | null, MobileDestinationRow>();
  for (const o of p.outflows) {
    if (!isWithinRegion(o.regionCode, p.countyCode)) continue;
    const status = mobileContactStatus(o, p.asOf, values);
    if (!status.away) continue;
    const key =
      o.destinationRegionCode === null
        ? null
        : o.destinationRegionCode.slice(0, REGION_PREFIX_LENGTH[p.by]).padEnd(12, '0');
    const row = rows.get(key) ?? {
      destinationRegionCode: key,
      members: 0,
      outOfContact: 0,
      withDestinationOrg: 0,
    };
    row.members += 1;
    if (status.outOfContact) row.outOfContact += 1;
    if (o.destinationOrgName !== null) row.withDestinationOrg += 1;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => {
    if (a.destinationRegionCode === null || b.destinationRegionCode === null) {
      return a.destinationRegionCode === null ? 1 : -1;
    }
    return b.members - a.members || (a.destinationRegionCode < b.destinationRegionCode ? -1 : 1);
  });
}
