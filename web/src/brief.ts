/**
 * The brief for the current filter in a tab of its own. A new tab cannot send the token, so the
 * page asks `/api/brief/link` for a short-lived link and points the tab there; the tab is opened
 * first, inside the click, so that pop-up blockers let it through.
 */
import { getJson, withQuery } from './api.js';
import type { FilterState } from './filter.js';

export type BriefFormat = 'html' | 'pdf';

export async function openBrief(format: BriefFormat, state: FilterState): Promise<void> {
  const tab = window.open('about:blank', '_blank');
  try {
    const { url } = await getJson<{ url: string }>(
      withQuery('/api/brief/link', { ...state.params(), format }),
    );
    if (tab) {
      // Cut the tab's handle on this page before it loads anything.
      tab.opener = null;
      tab.location.href = url;
    } else location.assign(url);
  } catch (err) {
    tab?.close();
    throw err;
  }
}
