/** Settings → Canned responses: search, add, edit and remove the team's saved replies. */
import type { CannedResponse } from '@contract';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useCannedResponses, useRemoveCanned, useSaveCanned } from '../api/canned-query';
import { matchCanned } from '../lib/canned-match';
import './canned.css';

export function CannedResponsesCard() {
  const { data: responses, isError } = useCannedResponses();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<CannedResponse | 'new' | null>(null);
  const remove = useRemoveCanned();
  const searchId = useId();
  const shown = responses ? matchCanned(responses, query) : [];

  return (
    <section className="card" aria-labelledby="canned-title">
      <h2 id="canned-title" className="card__title">
        Canned responses
      </h2>
      <p className="card__lead">
        Type <kbd>/</kbd> at the start of a reply to insert one. <code>{'{customer.name}'}</code> and{' '}
        <code>{'{agent.name}'}</code> are filled in for you.
      </p>
      <div className="canned__toolbar">
        <label htmlFor={searchId} className="visually-hidden">
          Search canned responses
        </label>
        <input
          id={searchId}
          className="text-input"
          type="search"
          placeholder="Search canned responses"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="button" className="button button--secondary" onClick={() => setEditing('new')}>
          New canned response
        </button>
      </div>
      {editing && (
        <CannedForm
          key={editing === 'new' ? 'new' : editing.id}
          initial={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {isError && <p role="alert">Couldn't load the canned responses.</p>}
      {responses && responses.length === 0 && !editing && <p className="canned__empty">None yet.</p>}
      <ul className="canned__list" aria-label="Canned responses">
        {shown.map((response) => (
          <li key={response.id} className="canned__item">
            <div className="canned__text">
              <span className="canned__title">{response.title}</span>
              <span className="canned__body">{response.text}</span>
            </div>
            <div className="canned__actions">
              <button
                type="button"
                className="button button--ghost"
                aria-label={`Edit ${response.title}`}
                onClick={() => setEditing(response)}
              >
                Edit
              </button>
              <button
                type="button"
                className="button button--ghost"
                aria-label={`Remove ${response.title}`}
                disabled={remove.isPending}
                onClick={() => remove.mutate(response.id)}
              >
                Remove
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CannedForm({ initial, onDone }: { initial: CannedResponse | null; onDone: () => void }) {
  const save = useSaveCanned();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [text, setText] = useState(initial?.text ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim() || !text.trim()) {
      setProblem('Give it a title and a text.');
      return;
    }
    setProblem(null);
    save.mutate(
      { ...(initial ? { id: initial.id } : {}), title: title.trim(), text: text.trim() },
      {
        onSuccess: onDone,
        onError: (error) => setProblem(`Not saved: ${error instanceof Error ? error.message : 'try again'}`),
      },
    );
  };

  return (
    <form
      className="canned__form"
      aria-label={initial ? `Edit ${initial.title}` : 'New canned response'}
      onSubmit={onSubmit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone();
      }}
    >
      <label htmlFor={`${id}-title`} className="field-label">
        Title
      </label>
      <input
        id={`${id}-title`}
        className="text-input"
        value={title}
        maxLength={80}
        autoFocus
        onChange={(event) => setTitle(event.target.value)}
      />
      <label htmlFor={`${id}-text`} className="field-label">
        Text
      </label>
      <textarea
        id={`${id}-text`}
        className="text-input canned__textarea"
        value={text}
        rows={3}
        onChange={(event) => setText(event.target.value)}
      />
      {problem && (
        <p className="form-status form-status--bad" role="alert">
          {problem}
        </p>
      )}
      <div className="canned__form-actions">
        <button type="button" className="button button--ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save canned response'}
        </button>
      </div>
    </form>
  );
}
