/** At the top of Settings: the admin's policy file in force, and anything in it Baton could not use. */
import { usePolicy } from '../api/policy-query';

export function PolicyNotice() {
  const { data } = usePolicy();
  if (!data || (!data.path && data.problems.length === 0)) return null;
  return (
    <section className="card policy" aria-labelledby="policy-title">
      <h2 id="policy-title" className="card__title">
        Managed by your administrator
      </h2>
      {data.path && (
        <p className="card__lead">
          A policy file is in force: <code className="policy__path">{data.path}</code>. Workspaces it
          provisions are locked here.
        </p>
      )}
      {data.problems.length > 0 && (
        <div role="alert" className="policy__problems">
          <p>
            {data.problems.length === 1
              ? 'Baton ignored one part of the policy file:'
              : `Baton ignored ${data.problems.length} parts of the policy file:`}
          </p>
          <ul>
            {data.problems.map((problem, index) => (
              <li key={index}>{problem}</li>
            ))}
          </ul>
          <p>Everything else in it applies. Ask your administrator to fix the file.</p>
        </div>
      )}
    </section>
  );
}
