import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowNoRole, AuthUser, CurrentUser } from '../../../libs/http';
import { ExportMyDataUseCase } from './export-my-data.usecase';

@ApiTags('rgpd')
@ApiBearerAuth()
@Controller()
export class ExportMyDataController {
  constructor(private readonly exportMyData: ExportMyDataUseCase) {}

  @AllowNoRole()
  @Get('users/me/export')
  @ApiOperation({
    operationId: 'users.exportMyData',
    summary: 'RGPD : toutes les données de l’utilisateur connecté (JSON)',
  })
  export(@CurrentUser() caller: AuthUser) {
    return this.exportMyData.execute(caller.id);
  }
}
