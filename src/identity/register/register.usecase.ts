import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/env.schema';
import { IdentityErrors } from '../identity.errors';
import { PasswordHasher } from '../password-hasher';
import { PublicUser, UserRepository } from '../user.repository';
import { RegisterDto } from './register.dto';

/** Self-registration: always a student, consent required. */
@Injectable()
export class RegisterUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async execute(dto: RegisterDto): Promise<PublicUser> {
    if (!this.config.REGISTRATION_ENABLED) throw IdentityErrors.registrationDisabled();
    return this.users.create({
      prenom: dto.prenom,
      nom: dto.nom,
      email: dto.email,
      role: 'student',
      passwordHash: await this.hasher.hash(dto.password),
      consentementRGPD: true,
      numeroEtudiant: dto.numeroEtudiant,
      dateNaissance: dto.dateNaissance ? new Date(dto.dateNaissance) : undefined,
      profilEtudiant: { niveauFormation: '', typeEtude: '', groupId: null },
    });
  }
}
