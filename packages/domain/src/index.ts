export * from './errors';
export * from './regions';
export * from './orgs';
export * from './validation';
