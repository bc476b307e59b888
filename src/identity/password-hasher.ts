import { Inject, Injectable } from '@nestjs/common';
import bcrypt from 'bcrypt';
import { AppConfig } from '../../config/env.schema';

@Injectable()
export class PasswordHasher {
  // Compared against when the email is unknown, so both failures cost the same time.
  private readonly dummy: Promise<string>;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {
    this.dummy = bcrypt.hash('dummy-password-for-timing', config.BCRYPT_ROUNDS);
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.config.BCRYPT_ROUNDS);
  }

  async verify(password: string, hash: string | undefined): Promise<boolean> {
    if (!hash) {
      await bcrypt.compare(password, await this.dummy);
      return false;
    }
    return bcrypt.compare(password, hash);
  }
}
