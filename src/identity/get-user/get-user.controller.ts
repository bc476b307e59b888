import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { GetUserUseCase } from './get-user.usecase';
import { AdminUserResponse } from '../identity.response';
import { IdentityErrors } from '../identity.errors';

@ApiTags('identity (admin)')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class GetUserController {
  constructor(private readonly getUser: GetUserUseCase) {}

  @Get(':id')
  @ApiOperation({
    operationId: 'users.get',
    summary: 'Un utilisateur, avec l’état de son invitation (`invitation`, null s’il a été créé avec un mot de passe)',
  })
  @ApiErrors(IdentityErrors.userNotFound())
  async handle(@Param('id', ParseObjectIdPipe) id: string): Promise<AdminUserResponse> {
    return { user: await this.getUser.execute(id) };
  }
}
