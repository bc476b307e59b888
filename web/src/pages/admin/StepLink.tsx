import { Link } from 'react-router-dom';
import type { ClassStep } from './class-steps';

/** A section of the page the reader is on is an anchor; another page goes through the router. */
export function StepLink({ step, here }: { step: ClassStep; here: string }) {
  if (!step.href) return <span className="step-title">{step.title}</span>;
  const [path, anchor] = step.href.split('#');
  if (anchor && path === here)
    return (
      <a className="step-title" href={`#${anchor}`}>
        {step.title}
      </a>
    );
  return (
    <Link className="step-title" to={step.href}>
      {step.title}
    </Link>
  );
}
