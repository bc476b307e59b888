import { useParams } from 'react-router-dom';
import { CopyView } from './CopyView';

/** `/examinateur/copies/:conversationId`: one copy; its state starts afresh when « Copie suivante » opens another. */
export function CopyPage() {
  const { conversationId = '' } = useParams();
  return <CopyView key={conversationId} conversationId={conversationId} />;
}
