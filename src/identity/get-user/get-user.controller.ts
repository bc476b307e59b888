import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseObjectIdPipe, Roles } from '../../../libs/http';
import { GetUserUseCase } from './get-user.usecase';

@ApiTags('identity (admin)')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class GetUserController {
  constructor(private readonly getUser: GetUserUseCase) {}

  @Get(':id')
  @ApiOperation({ operationId: 'users.get', summary: 'Un utilisateur' })
  async handle(@Param('id', ParseObjectIdPipe) id: string) {
    return { user: await this.getUser.execute(id) };
  }
}
