/**
 * "Sign in with Dialai" on a Dialai workspace: the core starts an OAuth sign-in and gives back the page to
 * open in the system browser; once the agent finishes there, the core keeps the token in the keychain and
 * the workspace comes back (as `workspace.updated`) with `account` set. Signing out forgets the token.
 */
import type { Workspace } from '@contract';
import { useState } from 'react';
import { useSignIn, useSignOut } from '../api/workspace-mutations';

export function DialaiSignIn({ workspace: w }: { workspace: Workspace }) {
  const signIn = useSignIn();
  const signOut = useSignOut();
  // Waiting for the agent to finish in the browser: from a started sign-in until an account arrives.
  const [waiting, setWaiting] = useState(false);
  const [seenAccount, setSeenAccount] = useState(w.account);
  if (w.account !== seenAccount) {
    setSeenAccount(w.account);
    if (w.account) setWaiting(false);
  }

  const status = w.account
    ? `Signed in as ${w.account}`
    : signIn.isPending || waiting
      ? 'Finish signing in in your browser…'
      : '';

  return (
    <div className="ws-signin">
      <p role="status" className="ws-signin__status">
        {status}
      </p>
      {w.account ? (
        <button
          type="button"
          className="button button--secondary"
          disabled={signOut.isPending}
          onClick={() => signOut.mutate(w.id)}
        >
          {signOut.isPending ? 'Signing out…' : 'Sign out'}
        </button>
      ) : (
        <button
          type="button"
          className="button button--primary"
          disabled={signIn.isPending}
          onClick={() => {
            setWaiting(false);
            signIn.mutate(w.id, { onSuccess: () => setWaiting(true) });
          }}
        >
          Sign in with Dialai
        </button>
      )}
      {!w.account && signIn.isError && (
        <p role="alert" className="form-status form-status--bad">
          Couldn’t sign in to {w.displayName}: {signIn.error.message}
        </p>
      )}
      {w.account && signOut.isError && (
        <p role="alert" className="form-status form-status--bad">
          Couldn’t sign out of {w.displayName}: {signOut.error.message}
        </p>
      )}
    </div>
  );
}
