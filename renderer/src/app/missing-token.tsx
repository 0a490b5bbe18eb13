/** The browser was opened without the host's access token: say where to get the right link. */
import './missing-token.css';
import './sidebar.css';

export function MissingToken() {
  return (
    <main className="missing-token">
      <div className="missing-token__card">
        <span className="sidebar__logo" aria-hidden="true" />
        <h1>Open Baton from its link</h1>
        <p>
          This console needs the one-time link that carries its access token. Start the console with{' '}
          <code>npm run start:web</code> and open the address it prints after <code>Baton console:</code>.
        </p>
        <p className="missing-token__hint">
          The token is kept for this tab only, so a bookmarked address without it cannot open your inbox.
        </p>
      </div>
    </main>
  );
}
