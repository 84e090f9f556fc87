export * from './errors';
export * from './common';
export * from './domain';
export * from './health';
export * from './association';
export * from './membership';
export * from './auth';
export * from './standin';
