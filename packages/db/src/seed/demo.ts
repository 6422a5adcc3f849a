import type { FieldCategory, OrgKind } from '@dangjian/domain';
import type { Random } from './random';
import type { DivisionRow } from './divisions';
import { defined } from '../defined';

/**
 * Deterministic, clearly fictional people and organisations for the real region tree. Every phone
 * number starts with "100", a prefix no Chinese carrier issues, so no real person can be reached.
 */
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'建国志强春华秀英海军玉兰明德红梅新民德胜桂芳永红卫东小平立新丽娟金龙文华国庆俊杰晓燕爱民光辉思远家乐振华',
];
const EDUCATION = [
  'junior_high',
  'high_school',
  'high_school',
  'college',
  'college',
  'bachelor',
  'postgraduate',
] as const;

export interface DemoPerson {
  key: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  education: (typeof EDUCATION)[number];
  phone: string;
  regionCode: string;
}

export interface DemoOrg {
  key: string;
  parentKey: string | null;
  name: string;
  kind: OrgKind;
  category: FieldCategory;
  regionCode: string;
  secretaryKey: string;
  memberCount: number;
  termStart: string;
  termEnd: string;
}

function personFor(rnd: Random, key: string, regionCode: string): DemoPerson {
  const given = rnd.pick(GIVEN) + (rnd.chance(0.7) ? rnd.pick(GIVEN) : '');
  const year = rnd.int(1962, 1996);
  const month = String(rnd.int(1, 12)).padStart(2, '0');
  const day = String(rnd.int(1, 28)).padStart(2, '0');
  return {
    key,
    name: rnd.pick(SURNAMES) + given,
    gender: rnd.chance(0.22) ? 'female' : 'male',
    birthDate: `${year}-${month}-${day}`,
    education: rnd.pick(EDUCATION),
    phone: `100${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`,
    regionCode,
  };
}

/** Kind by size, as the Party constitution sets it: ≥100 members 党委, ≥50 党总支, else 党支部. */
function kindForMembers(members: number): OrgKind {
  if (members >= 100) return 'committee';
  if (members >= 50) return 'general_branch';
  return 'branch';
}

/** Terms: most village orgs re-elected in spring 2026 (5-year term); a few are overdue. */
function termFor(rnd: Random, years: number): { termStart: string; termEnd: string } {
  const overdue = rnd.chance(0.04);
  const startYear = overdue ? 2026 - years : rnd.chance(0.85) ? 2026 : 2026 - rnd.int(1, years - 1);
  const month = String(overdue ? rnd.int(1, 5) : rnd.int(1, 6)).padStart(2, '0');
  return {
    termStart: `${startYear}-${month}-01`,
    termEnd: `${startYear + years}-${month}-01`,
  };
}

const SHORT_NAME = /(村民委员会|村委会|居民委员会|社区居委会|居委会)$/;
function shortName(name: string): string {
  const short = name.replace(SHORT_NAME, '');
  return /社区$|村$/.test(short) ? short : short + (/居/.test(name) ? '社区' : '村');
}

const OTHER_FIELDS: { category: FieldCategory; suffix: string }[] = [
  { category: 'school', suffix: '中心学校党支部' },
  { category: 'health', suffix: '卫生院党支部' },
  { category: 'organ', suffix: '机关党支部' },
  { category: 'non_public', suffix: '示例实业有限公司党支部' },
  { category: 'social_org', suffix: '志愿者协会党支部' },
  { category: 'public_institution', suffix: '农业综合服务中心党支部' },
  { category: 'soe', suffix: '供销社党支部' },
];

/**
 * Builds the demo people and orgs for a region tree: one Party committee per township (党委 or
 * 街道党工委), one org per village/community, and a few other-field branches per township.
 */
export function buildDemo(
  rnd: Random,
  divisions: readonly DivisionRow[],
): { people: DemoPerson[]; orgs: DemoOrg[] } {
  const people: DemoPerson[] = [];
  const orgs: DemoOrg[] = [];
  const townships = divisions.filter((d) => d.level === 'township');
  const villagesByTownship = new Map<string, DivisionRow[]>();
  for (const d of divisions) {
    if (d.level !== 'village' || !d.parentCode) continue;
    const list = villagesByTownship.get(d.parentCode) ?? [];
    list.push(d);
    villagesByTownship.set(d.parentCode, list);
  }
  for (const t of townships) {
    const isStreet = t.kind === 'street';
    const tKey = `org:${t.code}`;
    const tSecretary = personFor(rnd, `person:${t.code}`, t.code);
    people.push(tSecretary);
    const villages = villagesByTownship.get(t.code) ?? [];
    orgs.push({
      key: tKey,
      parentKey: null,
      name: `中共${t.name}${isStreet ? '工作委员会' : '委员会'}`,
      kind: 'committee',
      category: isStreet ? 'street_community' : 'rural',
      regionCode: t.code,
      secretaryKey: tSecretary.key,
      memberCount: rnd.int(60, 160),
      ...termFor(rnd, 5),
    });
    for (const v of villages) {
      const community = v.kind === 'community';
      const members = community ? rnd.int(25, 220) : rnd.int(12, 130);
      const secretary = personFor(rnd, `person:${v.code}`, v.code);
      people.push(secretary);
      orgs.push({
        key: `org:${v.code}`,
        parentKey: tKey,
        name: `中共${shortName(v.name)}${
          { committee: '委员会', general_branch: '总支部委员会', branch: '支部委员会' }[
            kindForMembers(members)
          ]
        }`,
        kind: kindForMembers(members),
        category: community ? 'street_community' : 'rural',
        regionCode: v.code,
        secretaryKey: secretary.key,
        memberCount: members,
        ...termFor(rnd, 5),
      });
    }
    const others = rnd.int(1, 3);
    const first = rnd.int(0, OTHER_FIELDS.length - 1);
    for (let i = 0; i < others; i++) {
      const field = defined(OTHER_FIELDS[(first + i) % OTHER_FIELDS.length]);
      const key = `org:${t.code}:${i}`;
      const secretary = personFor(rnd, `person:${t.code}:${i}`, t.code);
      people.push(secretary);
      orgs.push({
        key,
        parentKey: tKey,
        name: `${t.name.replace(/(街道|街道办事处)$/, '')}${field.suffix}`,
        kind: 'branch',
        category: field.category,
        regionCode: t.code,
        secretaryKey: secretary.key,
        memberCount: rnd.int(3, 45),
        ...termFor(rnd, 3),
      });
    }
  }
  return { people, orgs };
}
