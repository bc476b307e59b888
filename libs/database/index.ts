export * from './database-engine';
export * from './database.module';
export * from './engine-indexes';
export * from './index-builder';
export * from './portable-sum';
export * from './document-repository';
export * from './database-lock';
