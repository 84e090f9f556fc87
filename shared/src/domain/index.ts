export * from './levels';
export * from './governance';
export * from './uscc';
export * from './phone';
export * from './person-name';
export * from './regions';
export * from './nickname';
export * from './money';
