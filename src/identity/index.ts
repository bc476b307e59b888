// The identity context's public face: other contexts import from here only.
export { IdentityModule } from './identity.module';
export { UserDirectory } from './user-directory.service';
export type { PublicUser } from './user.repository';
