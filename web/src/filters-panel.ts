/**
 * The filter form: one control per filter field, kept in step with the shared FilterState
 * (the map, the timeline brush and the concentration list also set it).
 */
import { byId, fmt, h, replace } from './dom.js';
import type { Filter, FilterState } from './filter.js';
import type { Admin1Props, Facet, Facets } from './types.js';

const label = (v: string) => v.replace(/_/g, ' ');

function select(name: keyof Filter, text: string, options: HTMLOptionElement[]): HTMLElement {
  const el = h(
    'select',
    { id: `f-${name}`, attrs: { name } },
    h('option', { attrs: { value: '' } }, 'All'),
  );
  for (const o of options) el.appendChild(o);
  return h('label', { className: 'field' }, h('span', {}, text), el);
}

const facetOptions = (facets: Facet[], show = label) =>
  facets.map((f) =>
    h(
      'option',
      { attrs: { value: f.value }, dir: 'auto' },
      `${show(f.value)} (${fmt.format(f.n)})`,
    ),
  );

export function renderFilters(state: FilterState, facets: Facets, admin1: Admin1Props[]): void {
  const form = byId<HTMLFormElement>('filters');
  const months = (v: string | null) => (v ? v.slice(0, 7) : '');
  replace(
    form,
    h('h2', {}, 'Filters'),
    select(
      'country',
      'Country',
      facetOptions(facets.country, (v) => v),
    ),
    h(
      'label',
      { className: 'field' },
      h('span', {}, 'Governorate'),
      h('select', { id: 'f-admin1', attrs: { name: 'admin1' } }),
    ),
    select(
      'actor',
      'Actor',
      facetOptions(facets.actor.slice(0, 200), (v) => v),
    ),
    select('type', 'Attack type', facetOptions(facets.attack_type)),
    select('target', 'Target', facetOptions(facets.target_type)),
    select('claimed', 'Claimed', [
      h('option', { attrs: { value: 'true' } }, 'Claimed'),
      h('option', { attrs: { value: 'false' } }, 'Not claimed'),
    ]),
    select('origin', 'Origin', facetOptions(facets.origin)),
    h(
      'label',
      { className: 'field' },
      h('span', {}, 'From'),
      h('input', {
        id: 'f-from',
        attrs: { name: 'from', type: 'month', min: months(facets.first), max: months(facets.last) },
      }),
    ),
    h(
      'label',
      { className: 'field' },
      h('span', {}, 'To'),
      h('input', {
        id: 'f-to',
        attrs: { name: 'to', type: 'month', min: months(facets.first), max: months(facets.last) },
      }),
    ),
    h('button', { id: 'f-reset', attrs: { type: 'reset' } }, 'Clear filters'),
  );
  const admin1Select = byId<HTMLSelectElement>('f-admin1');
  const fillAdmin1 = (country: string | undefined) => {
    const groups = new Map<string, HTMLOptGroupElement>();
    replace(admin1Select, h('option', { attrs: { value: '' } }, 'All'));
    const units = admin1
      .filter((a) => !country || a.country === country)
      .sort((a, b) => a.country.localeCompare(b.country) || a.name.localeCompare(b.name));
    for (const a of units) {
      let g = groups.get(a.country);
      if (!g) {
        g = h('optgroup', { attrs: { label: a.country } });
        groups.set(a.country, g);
        admin1Select.appendChild(g);
      }
      // Both names, each in its own direction; the option's own dir=auto keeps the English first.
      g.appendChild(
        h('option', { attrs: { value: a.name }, dir: 'auto' }, `${a.name} — ${a.name_ar}`),
      );
    }
  };
  fillAdmin1(state.value.country);

  const sync = (f: Filter) => {
    for (const el of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[name]')) {
      const v = f[el.name as keyof Filter] ?? '';
      el.value = el.type === 'month' ? v.slice(0, 7) : v;
    }
  };
  form.addEventListener('change', (ev) => {
    const el = ev.target as HTMLInputElement | HTMLSelectElement;
    const name = el.name as keyof Filter;
    if (name === 'country') {
      state.set({ country: el.value, admin1: undefined });
      return;
    }
    state.set({ [name]: el.value });
  });
  form.addEventListener('reset', (ev) => {
    ev.preventDefault();
    state.set(Object.fromEntries(Object.keys(state.value).map((k) => [k, undefined])));
  });
  form.addEventListener('submit', (ev) => ev.preventDefault());
  state.subscribe((f, changed) => {
    if (changed.has('country')) fillAdmin1(f.country);
    sync(f);
  });
  sync(state.value);
}
