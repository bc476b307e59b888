// The identity context's public face: other contexts import from here only.
export { IdentityModule } from './identity.module';
export { UserDirectory } from './user-directory.service';
export type { PublicUser } from './user.repository';
// For the admin context's import-users job: create users, invite them by magic link.
export { CreateUserUseCase } from './manage-users/manage-users.usecases';
export type { CreateUserDto } from './manage-users/manage-users.dto';
export { RequestMagicLinkUseCase } from './magic-link/request-magic-link.usecase';
export { canonicalRole } from './roles';
