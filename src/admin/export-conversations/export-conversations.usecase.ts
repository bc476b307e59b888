import { Injectable } from '@nestjs/common';
import type { ExportConversationsJob, ProgressReporter } from '../../../libs/queue';
import { ConversationMaintenance, ConversationWithMessages, publicMessage } from '../../conversation';
import { EvaluationPrivacy } from '../../evaluation';
import { HackathonCatalog } from '../../hackathon';
import { UserDirectory } from '../../identity';
import { downloadUrlOf, ExportedFile, ExportRepository } from '../export.repository';
import { ConversationAuthor, conversationCsvRows, conversationsCsvHeader } from './conversations-csv';

/**
 * Every conversation of a hackathon with its messages: `format: "jsonl"` (default), one JSON
 * object per line (JSON Lines: a file any tool reads line by line, however large the class);
 * `format: "csv"`, one message per row for a spreadsheet in French (conversations-csv.ts).
 * Names and emails for the admin by default, the pseudonym only with `pseudonymes: true`. Read
 * and written a page at a time, so the whole hackathon is never in memory.
 */
@Injectable()
export class ExportConversationsUseCase {
  constructor(
    private readonly conversations: ConversationMaintenance,
    private readonly hackathons: HackathonCatalog,
    private readonly users: UserDirectory,
    private readonly privacy: EvaluationPrivacy,
    private readonly exports: ExportRepository,
  ) {}

  async execute(data: ExportConversationsJob, jobId: string, progress: ProgressReporter): Promise<ExportedFile> {
    const hackathon = await this.hackathons.viewOf(data.hackathonId);
    const total = Math.max(1, await this.conversations.countOf(data.hackathonId));
    const pseudonymes = data.pseudonymes === true;
    const tasks = new Map(hackathon.taches.map((t) => [t.id, t.titre]));
    const csv = data.format === 'csv';
    let rows = 0;
    const lines = async function* (this: ExportConversationsUseCase): AsyncGenerator<string> {
      if (csv) yield conversationsCsvHeader();
      for await (const page of this.conversations.conversationsOf(data.hackathonId)) {
        const who = await this.identities(data.hackathonId, page, pseudonymes);
        let text = '';
        for (const c of page) {
          if (csv) {
            text += conversationCsvRows(c, {
              hackathon: hackathon.nom,
              tache: tasks.get(c.tacheId) ?? null,
              author: (who.get(c.studentId) as ConversationAuthor | undefined) ?? null,
            });
            continue;
          }
          text += `${JSON.stringify({
            conversationId: c.id,
            hackathon: { id: hackathon.id, nom: hackathon.nom },
            tache: { id: c.tacheId, titre: tasks.get(c.tacheId) ?? null },
            etudiant: who.get(c.studentId) ?? null,
            modelName: c.modelName,
            temperature: c.temperature,
            maxTokens: c.maxTokens,
            createdAt: c.createdAt,
            versionFinale: c.versionFinale,
            statistiquesIA: c.statistiquesIA,
            // The API's own message shape: a stopped answer says so (`interrompu`) here too.
            messages: c.messages.map(publicMessage),
          })}\n`;
        }
        rows += page.length;
        await progress((rows / total) * 95);
        yield text;
      }
    }.bind(this);
    const filename = `conversations-${data.hackathonId}.${csv ? 'csv' : 'jsonl'}`;
    const exportId = await this.exports.save(
      {
        jobId,
        kind: 'conversations',
        hackathonId: data.hackathonId,
        filename,
        contentType: csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
        rows: 0,
        requestedBy: data.requestedBy,
      },
      lines(),
    );
    await this.exports.setRows(exportId, rows);
    return {
      hackathonId: data.hackathonId,
      exportId,
      rows,
      pseudonymes,
      filename,
      downloadUrl: downloadUrlOf(exportId),
    };
  }

  /** Who wrote each conversation of a page: the student's names, or their pseudonym only. */
  private async identities(hackathonId: string, page: ConversationWithMessages[], pseudonymes: boolean) {
    const ids = [...new Set(page.map((c) => c.studentId))];
    const out = new Map<string, Record<string, unknown>>();
    if (pseudonymes) {
      for (const [id, candidat] of await this.privacy.pseudonymsOf(hackathonId, ids)) out.set(id, { candidat });
      return out;
    }
    for (const u of await this.users.findManyByIds(ids))
      out.set(u.id, { id: u.id, prenom: u.prenom, nom: u.nom, email: u.email, numeroEtudiant: u.numeroEtudiant });
    return out;
  }
}
