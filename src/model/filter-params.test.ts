import { describe, expect, it } from 'vitest';
import { FilterParamError, commaList, filterFromParams } from './filter-params.js';

describe('filterFromParams', () => {
  it('splits comma lists, upper-cases countries and maps parameter names to filter fields', () => {
    expect(
      filterFromParams({
        country: 'irq, syr',
        actor: 'ISIS,,Daesh',
        type: 'bombing',
        target: 'police',
        source: 'ucdp_ged',
        claimed: 'false',
        from: '2016',
        to: '2017-06',
      }),
    ).toEqual({
      country: ['IRQ', 'SYR'],
      actor: ['ISIS', 'Daesh'],
      attack_type: ['bombing'],
      target_type: ['police'],
      source_id: ['ucdp_ged'],
      claimed: false,
      from: '2016',
      to: '2017-06',
    });
  });

  it('accepts a boolean claimed (the CLI’s --claimed/--unclaimed)', () => {
    expect(filterFromParams({ claimed: true })).toEqual({ claimed: true });
    expect(filterFromParams({})).toEqual({});
  });

  it.each([
    [{ type: 'airstrike' }, 'type'],
    [{ target: 'cats' }, 'target'],
    [{ country: 'Syria' }, 'country'],
    [{ origin: 'rumour' }, 'origin'],
    [{ from: 'yesterday' }, 'from'],
    [{ from: '2019-02', to: '2019-01' }, 'from'],
  ])('names the parameter at fault for %j', (params, param) => {
    expect(() => filterFromParams(params)).toThrow(FilterParamError);
    try {
      filterFromParams(params);
    } catch (err) {
      expect((err as FilterParamError).param).toBe(param);
      expect((err as Error).message).toMatch(new RegExp(`^${param}: `));
    }
  });

  it('commaList drops blanks', () => {
    expect(commaList(' a ,, b,')).toEqual(['a', 'b']);
  });
});
