import { useEffect, useState } from 'react';
import { outage, type OutageWait } from '../api/outage';
import { outageText } from './outage-text';

/**
 * While a request of the page waits for the service to come back (a `503` with `Retry-After`,
 * api/outage.ts), says so at the top of the screen. The live region is always there, so that
 * screen readers say the message when it comes; it changes once per try, never each second.
 */
export function OutageNotice() {
  const [wait, setWait] = useState<OutageWait | null>(() => outage.current());
  useEffect(() => outage.subscribe(setWait), []);
  const text = wait ? outageText(wait) : null;
  return (
    <div className="outage" role="status">
      {text ? (
        <div className="alert alert-warning">
          <p>
            <strong>{text.title}</strong>
          </p>
          <p>{text.next}</p>
          {text.kept ? <p>{text.kept}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
