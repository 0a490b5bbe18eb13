/**
 * The `Rating` radio group (1–5). Native radios, so arrow keys, Space and screen readers behave as expected;
 * each radio's name starts with its digit ("4 stars").
 */
import { useId } from 'react';
import { StarIcon } from '../../../components/icons';
import { cx } from '../../../lib/cx';

export function RatingGroup({
  value,
  onChange,
  disabled = false,
}: {
  value: number | null;
  onChange: (rating: number) => void;
  disabled?: boolean;
}) {
  const name = useId();
  return (
    <div role="radiogroup" aria-label="Rating" className="rating">
      {[1, 2, 3, 4, 5].map((n) => {
        const label = `${n} ${n === 1 ? 'star' : 'stars'}`;
        return (
          <label
            key={n}
            className={cx('rating__star', value !== null && n <= value && 'rating__star--on')}
            title={label}
          >
            <input
              type="radio"
              className="rating__input"
              name={name}
              value={n}
              checked={value === n}
              disabled={disabled}
              onChange={() => onChange(n)}
              aria-label={label}
            />
            <StarIcon />
          </label>
        );
      })}
      <span className="rating__caption" aria-hidden="true">
        {value === null ? 'No rating' : RATING_WORDS[value - 1]}
      </span>
    </div>
  );
}

const RATING_WORDS = ['Poor', 'Fair', 'Good', 'Very good', 'Excellent'];
