import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowNoRole, AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { EraseUserUseCase, ExportMyDataUseCase } from './rgpd.usecases';

@ApiTags('rgpd')
@ApiBearerAuth()
@Controller()
export class RgpdController {
  constructor(
    private readonly exportMyData: ExportMyDataUseCase,
    private readonly eraseUser: EraseUserUseCase,
  ) {}

  @AllowNoRole()
  @Get('users/me/export')
  @ApiOperation({ summary: 'RGPD : toutes les données de l’utilisateur connecté (JSON)' })
  export(@CurrentUser() caller: AuthUser) {
    return this.exportMyData.execute(caller.id);
  }

  @Roles('admin')
  @Post('admin/users/:id/erase')
  @HttpCode(200)
  @ApiOperation({ summary: 'RGPD : efface les données personnelles d’un utilisateur (statistiques conservées)' })
  erase(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser) {
    return this.eraseUser.execute(id, caller.id);
  }
}
