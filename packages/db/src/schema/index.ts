export * from './regions';
export * from './orgs';
