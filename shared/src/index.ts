// The contract, one folder per feature. A feature's folder declares its schemas, its error codes
// (defineErrors) and its audit actions (defineAuditActions); exporting it here registers them.
export * from './errors';
export * from './common';
export * from './state-machine';
export * from './domain';
export * from './audit';
export * from './wechat';
export * from './health';
export * from './association';
export * from './membership';
export * from './users';
export * from './auth';
export * from './staff';
export * from './standin';
export * from './files';
export * from './units';
export * from './campaigns';
export * from './notifications';
export * from './applications';
export * from './contacts';
export * from './groups';
export * from './articles';
export * from './articles/drafts';
export * from './payments';
export * from './dues';
export * from './notices';
