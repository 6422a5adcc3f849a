/**
 * Party members (党员): the roster, probation, moves of the organisational relation, branch
 * meetings (三会一课), the yearly appraisal (民主评议党员), points and stars, mobile members,
 * dues, the hardship-care fund and the 七一 activity week. Pure rules, no IO.
 */
export * from './calendar';
export * from './member-policy';
export * from './identity';
export * from './roster';
export * from './probation';
export * from './transfers';
export * from './meetings';
export * from './appraisal';
export * from './points';
export * from './mobile';
export * from './dues';
export * from './hardship';
export * from './activity-week';
