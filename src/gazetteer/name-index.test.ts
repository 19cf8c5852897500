import { expect, test } from 'vitest';
import { NameIndex, type NamedUnit } from './name-index.js';

const hamaSyria: NamedUnit = { code: 'SY05', country: 'SYR' };
const hamaElsewhere: NamedUnit = { code: 'XX01', country: 'IRQ' };

test('abstains when a name denotes units in two countries, unless the country is given', () => {
  const index = new NameIndex<NamedUnit>();
  index.add('admin1', 'Hama', hamaSyria);
  index.add('admin1', 'Hamah', hamaElsewhere);
  expect(index.find('admin1', 'Hama')).toBeNull();
  expect(index.find('admin1', 'Hama', 'SYR')).toBe(hamaSyria);
  expect(index.find('admin1', 'Hama', 'IRQ')).toBe(hamaElsewhere);
  expect(index.ambiguities()).toEqual([{ scope: 'admin1', key: 'hama', codes: ['SY05', 'XX01'] }]);
});

test('keeps scopes apart and counts a unit added twice under one key once', () => {
  const index = new NameIndex<NamedUnit>();
  index.add('admin1', 'Hama', hamaSyria);
  index.add('admin1', 'Hamah', hamaSyria);
  expect(index.find('admin2:SY05', 'Hama')).toBeNull();
  expect(index.find('admin1', 'Hama')).toBe(hamaSyria);
  expect(index.ambiguities()).toEqual([]);
});
