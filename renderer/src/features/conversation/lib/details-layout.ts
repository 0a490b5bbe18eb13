/**
 * Where the details panel goes. It is a column beside the transcript only when the pane is wide enough for
 * both; otherwise it overlays the transcript as a drawer, so the transcript is never squeezed.
 */
export type DetailsLayout = 'column' | 'drawer';

/** Width of the details column, and the narrowest transcript worth keeping beside it. */
export const DETAILS_COLUMN_PX = 300;
export const MIN_TRANSCRIPT_PX = 460;

export function detailsLayout(paneWidth: number): DetailsLayout {
  return paneWidth >= DETAILS_COLUMN_PX + MIN_TRANSCRIPT_PX ? 'column' : 'drawer';
}
