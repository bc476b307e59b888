import { randomBytes } from 'node:crypto';
import type { Role } from '../../libs/http';
import { CreateUserUseCase } from '../../src/identity/create-user/create-user.usecase';
import { SessionService } from '../../src/identity/session.service';
import type { TestApp } from './test-app';

export interface TestUser {
  id: string;
  email: string;
  token: string;
  role: Role | '';
  /** `Authorization` header value. */
  bearer: string;
  /** The refresh token of the user's session. */
  refreshToken: string;
}

let n = 0;

/** Arranges a signed-in user of `role` (fixture only: the behaviour under test goes through HTTP). */
export async function createUser(
  t: TestApp,
  role: Role | '',
  overrides: Record<string, unknown> = {},
): Promise<TestUser> {
  const email = `${role || 'norole'}-${++n}-${randomBytes(3).toString('hex')}@test.example`;
  const user = await t.app
    .get(CreateUserUseCase)
    .execute({ prenom: 'Prénom', nom: `Nom${n}`, email, role, password: 'password-123', ...overrides } as any, null);
  const { accessToken, refreshToken } = await t.app.get(SessionService).open(user);
  return {
    id: user.id,
    email: user.email,
    token: accessToken,
    role: user.role,
    bearer: `Bearer ${accessToken}`,
    refreshToken,
  };
}
