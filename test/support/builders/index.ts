export * from './fake-clock';
export * from './user.builder';
export * from './hackathon-http';
export * from './fixed-clock';
