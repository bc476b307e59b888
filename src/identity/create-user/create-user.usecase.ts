import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { Invitations } from '../invitations.service';
import { PasswordHasher } from '../password-hasher';
import { toStoredRole } from '../roles';
import { PublicUser, UserRepository } from '../user.repository';
import { CreateUserDto } from './create-user.dto';

export interface CreateUserOptions {
  /**
   * Send the invitation mail when the user has no password (default). The import turns it off:
   * it sends invitations itself, once per imported user across retries.
   */
  invite?: boolean;
}

/** Admin creation: any role; without a password the user is invited by mail. */
@Injectable()
export class CreateUserUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly invitations: Invitations,
    private readonly clock: Clock,
  ) {}

  async execute(dto: CreateUserDto, actorId: string | null, { invite = true }: CreateUserOptions = {}) {
    const { password, role, dateNaissance, ...rest } = dto;
    const user: PublicUser = await this.users.create({
      ...rest,
      role: toStoredRole(role),
      dateNaissance: dateNaissance ? new Date(dateNaissance) : undefined,
      passwordHash: password ? await this.hasher.hash(password) : undefined,
    });
    await this.users.writeAudit({
      actorId,
      action: 'user.created',
      targetId: user.id,
      changes: { role: { from: null, to: user.role } },
      at: this.clock.now(),
    });
    if (!password && invite) await this.invitations.send(user.id, { invitedBy: actorId, hackathon: null });
    return user;
  }
}
