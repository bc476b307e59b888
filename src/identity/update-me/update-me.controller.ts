import { Body, Controller, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../../libs/http';
import { UpdateMeDto } from './update-me.dto';
import { UpdateMeUseCase } from './update-me.usecase';
import { UserResponse } from '../identity.response';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('users')
export class UpdateMeController {
  constructor(private readonly updateMe: UpdateMeUseCase) {}

  @Patch('me')
  @ApiOperation({ operationId: 'users.updateMe', summary: 'Modifie son propre profil ; role, email, tokens* → 400' })
  async handle(@CurrentUser() caller: AuthUser, @Body() dto: UpdateMeDto): Promise<UserResponse> {
    return { user: await this.updateMe.execute(caller.id, dto) };
  }
}
