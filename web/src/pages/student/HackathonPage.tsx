import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { myConversations } from '../../api/conversations';
import { aiModels, getHackathon } from '../../api/hackathons';
import { myQuota } from '../../api/quota';
import { ErrorMessage, formatDate, Loading, Notice, Page } from '../../ui/components';
import { useRefreshOnFocus } from '../../ui/use-refresh-on-focus';
import { useLoad } from '../../ui/use-load';
import { availability, isOpen } from './hackathon-status';
import { defaultsOf, type ModelSettings } from './model-settings';
import { SettingsChooser } from './SettingsChooser';
import { TaskList } from './TaskList';
import { QuotaGauges } from './QuotaGauges';
import { ResultsSection } from './ResultsSection';

/** `/etudiant/hackathons/:id`: its tasks and my conversations on each, my quota, my results. */
export function HackathonPage() {
  const { id = '' } = useParams();
  const hackathon = useLoad(() => getHackathon(id).then((r) => r.hackathon), [id]);
  const conversations = useLoad(() => myConversations({ hackathonId: id, limit: 100 }), [id]);
  const quota = useLoad(() => myQuota(id), [id]);
  const models = useLoad(aiModels, []);
  // A quota the teacher raised shows when the student comes back to the page.
  useRefreshOnFocus(() => void quota.reload());
  const [typed, setTyped] = useState<ModelSettings | null>(null);
  const settings = typed ?? (models.data ? defaultsOf(models.data) : null);

  const h = hackathon.data;
  if (hackathon.error) {
    return (
      <Page title="Hackathon">
        <ErrorMessage error={hackathon.error} />
        <p>
          <Link to="/etudiant">Retour à mes hackathons</Link>
        </p>
      </Page>
    );
  }
  if (!h) return <Loading />;
  const open = isOpen(h);
  return (
    <Page title={h.nom} compact>
      <p className="row">
        <span className="badge">{h.statut}</span>
        <span className={open ? 'badge badge-ok' : 'badge badge-warn'}>{availability(h)}</span>
        <span className="hint">
          Du {formatDate(h.dates.debut)} au {formatDate(h.dates.fin)}
        </span>
      </p>
      {h.description ? <p>{h.description}</p> : null}
      {h.objectifs ? (
        <p>
          <strong>Objectifs :</strong> {h.objectifs}
        </p>
      ) : null}
      {!open ? (
        <Notice kind="warning">
          Ce hackathon n’est pas ouvert : vous pouvez relire vos conversations, mais pas en commencer ni écrire.
        </Notice>
      ) : null}
      {quota.data ? <QuotaGauges quota={quota.data} compact /> : <ErrorMessage error={quota.error} />}
      {open && models.data && settings ? (
        <SettingsChooser models={models.data} value={settings} onChange={setTyped} />
      ) : null}
      <TaskList
        hackathonId={h.id}
        taches={h.taches}
        open={open}
        settings={settings}
        models={models.data}
        conversations={conversations.data?.items ?? []}
        error={conversations.error}
      />
      <ResultsSection hackathonId={h.id} taches={h.taches} published={h.resultatsPublies} />
    </Page>
  );
}
