import { describe, expect, it } from 'vitest';
import { targetType } from './targets.js';

const typeOf = (text: string): string | undefined => targetType(text)?.type;

describe('targetType: golden sentences', () => {
  it('prefers the place hit over the generic "people" counted dead', () => {
    // The mosque is the target; "two people were killed" only counts victims.
    expect(
      typeOf('A car bomb exploded near a mosque in Tuz Khurmatu. Two people were killed.'),
    ).toBe('religious');
  });

  it('does not take the police who report an attack for its target', () => {
    expect(typeOf('Police found the bodies of 12 men dumped in an orchard near Baquba.')).toBe(
      'private_citizens',
    );
    expect(typeOf('Gunmen killed a shepherd near Rutba, police said.')).toBe('private_citizens');
  });

  it('codes the Popular Mobilization and the Free Syrian Army as militia, as GTD does', () => {
    expect(typeOf('A roadside bomb struck a patrol of volunteer fighters in Diyala.')).toBe(
      'terrorists_militants',
    );
    expect(typeOf('A suicide bomber struck a Free Syrian Army post near Azaz.')).toBe(
      'terrorists_militants',
    );
    expect(typeOf('Militants ambushed Syrian army troops near Palmyra.')).toBe('military');
  });

  it('reads the target after "targeted", even past an abbreviation', () => {
    expect(
      typeOf('The bombing, which targeted a U.S. army convoy, also killed four children.'),
    ).toBe('military');
  });
});
