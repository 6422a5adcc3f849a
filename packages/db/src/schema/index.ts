export * from './regions';
export * from './orgs';
export * from './auth';
export * from './audit';
