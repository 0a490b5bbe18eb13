/** The `/` picker above the reply box: a listbox the reply box drives with the arrow keys. */
import type { CannedResponse } from '@contract';

export function CannedPicker({
  id,
  matches,
  active,
  onPick,
  empty,
}: {
  id: string;
  matches: readonly CannedResponse[];
  active: number;
  onPick: (response: CannedResponse) => void;
  empty: string | null;
}) {
  return (
    <div className="canned-picker">
      {empty ? (
        <p className="canned-picker__empty" role="status">
          {empty}
        </p>
      ) : (
        <ul id={id} role="listbox" aria-label="Canned responses" className="canned-picker__list">
          {matches.map((response, index) => (
            <li
              key={response.id}
              id={`${id}-${index}`}
              role="option"
              aria-selected={index === active}
              className="canned-picker__option"
              // mousedown, not click: the reply box must keep the focus.
              onMouseDown={(event) => {
                event.preventDefault();
                onPick(response);
              }}
            >
              <span className="canned-picker__title">{response.title}</span>
              <span className="canned-picker__text">{response.text}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="canned-picker__hint" aria-hidden="true">
        <kbd>↑</kbd>
        <kbd>↓</kbd> choose · <kbd>Enter</kbd> insert · <kbd>Esc</kbd> close
      </p>
    </div>
  );
}
