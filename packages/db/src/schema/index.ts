export * from './regions';
export * from './orgs';
export * from './auth';
export * from './audit';
export * from './policy';
export * from './grading';
export * from './pay';
export * from './finance';
