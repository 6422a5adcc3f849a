/** Roles that may create and edit organisations and people. */
export const WRITER_ROLES = new Set(['city_admin', 'county_admin', 'township']);
