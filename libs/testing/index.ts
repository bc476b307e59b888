export * from './fake-clock';
export * from './user.builder';
