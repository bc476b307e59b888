import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CommonErrors, CurrentUser, Roles } from '../../../libs/http';
import { CreateUserDto } from './create-user.dto';
import { CreateUserUseCase } from './create-user.usecase';
import { UserResponse } from '../identity.response';
import { IdentityErrors } from '../identity.errors';

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
  @ApiErrors(IdentityErrors.emailTaken(), CommonErrors.queueUnavailable())
  async handle(@Body() dto: CreateUserDto, @CurrentUser() caller: AuthUser): Promise<UserResponse> {
    return { user: await this.createUser.execute(dto, caller.id) };
  }
}
