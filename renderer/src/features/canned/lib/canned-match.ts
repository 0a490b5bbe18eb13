/** Finding a canned response as the agent types `/word`, and filling in its placeholders. */
import type { CannedResponse } from '@contract';

/**
 * How well `query` matches `text`: its letters in order (a subsequence), scored higher when they are
 * consecutive and start words. null when they do not all appear.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.toLowerCase();
  const t = text.toLowerCase();
  if (!q) return 0;
  const direct = t.indexOf(q);
  if (direct >= 0) return 1000 - direct + (direct === 0 || /\W/.test(t[direct - 1] ?? '') ? 200 : 0);
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const char of q) {
    const index = t.indexOf(char, from);
    if (index < 0) return null;
    score += index === previous + 1 ? 10 : 1;
    if (index === 0 || /\W/.test(t[index - 1] ?? '')) score += 5;
    previous = index;
    from = index + 1;
  }
  return score;
}

/** The best matches first; the title counts more than the text. */
export function matchCanned(responses: readonly CannedResponse[], query: string): CannedResponse[] {
  const q = query.trim();
  if (!q) return [...responses];
  return responses
    .map((response) => {
      const title = fuzzyScore(q, response.title);
      const text = fuzzyScore(q, response.text);
      const score = Math.max(title === null ? -1 : title * 2, text === null ? -1 : text);
      return { response, score };
    })
    .filter((m) => m.score >= 0)
    .sort((a, b) => b.score - a.score || a.response.title.localeCompare(b.response.title))
    .map((m) => m.response);
}

export interface PlaceholderValues {
  customerName: string;
  agentName: string;
}

/** `{customer.name}` and `{agent.name}` (any spacing or case); unknown placeholders stay as typed. */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(/\{\s*(customer|agent)\.name\s*\}/gi, (_match, who: string) =>
    who.toLowerCase() === 'customer' ? values.customerName : values.agentName,
  );
}
