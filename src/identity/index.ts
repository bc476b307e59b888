// The identity context's public face: other contexts import from here only.
export { IdentityModule } from './identity.module';
export { UserDirectory } from './user-directory.service';
export { PublicUser, StreamTicket } from './identity.response';
export { canonicalRole } from './roles';
// Errors other contexts document on their routes (the RGPD erase refuses one's own account).
export { IdentityErrors } from './identity.errors';
// Server-Sent Events from a browser: tickets for `@StreamTicketAuth()` routes (libs/http).
export { StreamTickets } from './stream-tickets.service';
// For the admin context's import-users job: create users, invite them, check their names.
export { CreateUserUseCase } from './create-user/create-user.usecase';
export type { CreateUserDto } from './create-user/create-user.dto';
export { Invitations } from './invitations.service';
export type { InvitationContext } from './invitations.service';
export { personNameProblem } from './person-name';
// Anonymous copies: a student's names and email masked in what examiners read.
export { maskStrings } from './identity-mask';
// For the admin context's queue board: its sign-in form and its cookie.
export { LoginUseCase } from './login/login.usecase';
export { AccessTokenService } from './access-token.service';
export { RequestMagicLinkUseCase } from './request-magic-link/request-magic-link.usecase';
