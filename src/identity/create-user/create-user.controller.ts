import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../../libs/http';
import { CreateUserDto } from './create-user.dto';
import { CreateUserUseCase } from './create-user.usecase';

@ApiTags('identity (admin)')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class CreateUserController {
  constructor(private readonly createUser: CreateUserUseCase) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'users.create',
    summary: 'Crée un utilisateur de n’importe quel rôle ; sans mot de passe, il reçoit une invitation par mail',
  })
  async handle(@Body() dto: CreateUserDto, @CurrentUser() caller: AuthUser) {
    return { user: await this.createUser.execute(dto, caller.id) };
  }
}
