import { Injectable } from '@nestjs/common';
import { IdentityErrors } from '../identity.errors';
import { PublicUser, UserPatch, UserRepository } from '../user.repository';
import { UpdateMeDto } from './update-me.dto';

export function toUserPatch(dto: Omit<UpdateMeDto, 'dateNaissance'> & { dateNaissance?: string }): UserPatch {
  const patch: UserPatch = {};
  for (const [k, v] of Object.entries(dto)) if (v !== undefined) (patch as any)[k] = v;
  if (dto.dateNaissance !== undefined) patch.dateNaissance = new Date(dto.dateNaissance);
  return patch;
}

@Injectable()
export class GetMeUseCase {
  constructor(private readonly users: UserRepository) {}

  async execute(userId: string): Promise<PublicUser> {
    const user = await this.users.findById(userId);
    if (!user) throw IdentityErrors.tokenInvalid();
    return user;
  }
}

@Injectable()
export class UpdateMeUseCase {
  constructor(private readonly users: UserRepository) {}

  async execute(userId: string, dto: UpdateMeDto): Promise<PublicUser> {
    const user = await this.users.update(userId, toUserPatch(dto));
    if (!user) throw IdentityErrors.tokenInvalid();
    return user;
  }
}
