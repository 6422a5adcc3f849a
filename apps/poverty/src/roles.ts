/** Roles that register villages, post teams and assess them (permissions.ts POVERTY_OFFICE). */
export const OFFICE_ROLES = new Set(['poverty_office', 'city_admin', 'county_admin']);
/** Roles that read the overview and coverage (adds township committees). */
export const READER_ROLES = new Set([...OFFICE_ROLES, 'township']);
