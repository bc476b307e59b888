import { useParams } from 'react-router-dom';
import { ConversationView } from './ConversationView';

/** `/etudiant/conversations/:id`: one conversation, its state reset when another one opens. */
export function ConversationPage() {
  const { id = '' } = useParams();
  return <ConversationView key={id} id={id} />;
}
