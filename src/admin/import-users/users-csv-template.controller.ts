import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../libs/http';
import { usersCsvTemplate } from './users-csv.parser';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/import-users')
export class UsersCsvTemplateController {
  @Get('modele.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="modele-import-utilisateurs.csv"')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'Le modèle (UTF-8 avec BOM, points-virgules, fins de ligne CRLF) : une ligne d’en-tête ' +
      '« Prénom;Nom;Adresse e-mail;Rôle;Numéro étudiant;Classe », à remplir dans un tableur puis à importer tel quel',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiOperation({
    operationId: 'admin.importUsersTemplate',
    summary: 'Télécharge le modèle CSV de l’import d’utilisateurs (import-users)',
    description:
      'Seuls prénom, nom et adresse e-mail sont obligatoires ; rôle vide = élève (élève, étudiant, examinateur, ' +
      'jury… acceptés, administrateur refusé) ; les colonnes peuvent être dans n’importe quel ordre et les ' +
      'colonnes en plus sont ignorées.',
  })
  get(): string {
    return usersCsvTemplate();
  }
}
