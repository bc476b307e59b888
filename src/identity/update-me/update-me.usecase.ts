import { Injectable } from '@nestjs/common';
import { IdentityErrors } from '../identity.errors';
import { PublicUser, UserRepository } from '../user.repository';
import { toUserPatch } from '../user-patch';
import { UpdateMeDto } from './update-me.dto';

@Injectable()
export class UpdateMeUseCase {
  constructor(private readonly users: UserRepository) {}

  async execute(userId: string, dto: UpdateMeDto): Promise<PublicUser> {
    const user = await this.users.updateProfile(userId, toUserPatch(dto));
    if (!user) throw IdentityErrors.tokenInvalid();
    return user;
  }
}
