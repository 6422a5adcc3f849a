/** Roles that organise classes or enrol their people (the rest are trainees). */
export const ORGANISER_ROLES = new Set([
  'training_organiser',
  'city_admin',
  'county_admin',
  'township',
]);
/** Roles that create classes and mark attendance and completion. */
export const MANAGER_ROLES = new Set(['training_organiser', 'city_admin', 'county_admin']);
