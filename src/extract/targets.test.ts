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

  it('does not take the group an attack is attributed to, or its claim, for the target', () => {
    // The rockets landed in a neighbourhood; the FSA is named as the perpetrator.
    expect(
      typeOf(
        'Rockets landed in Al Furqan neighborhood. Sources also attributed the attack to the Free Syrian Army.',
      ),
    ).toBe('private_citizens');
    expect(
      typeOf('A bomb exploded near a market. The Free Syrian Army (FSA) claimed responsibility.'),
    ).toBe('private_citizens');
  });

  it('reads "Bank Street" as a place, not a business', () => {
    expect(typeOf('The first bomb exploded at a crowded market; the second on Bank Street.')).toBe(
      'private_citizens',
    );
  });

  it('takes the subject of a passive attack verb as the target', () => {
    // Security forces were hit; the five people who died are counted, not targeted.
    expect(
      typeOf('Kurdish security forces were targeted by a motorcycle bomb, where five people died.'),
    ).toBe('military');
  });

  it('reads a headline "police officer shot dead outside his home" as police', () => {
    expect(typeOf('Kirkuk: police officer shot dead outside his home')).toBe('police');
  });

  it('codes the UN and embassies as diplomatic, the Red Cross as an NGO, party offices as government', () => {
    expect(typeOf('A suicide truck bomb struck the United Nations headquarters in Baghdad.')).toBe(
      'government_diplomatic',
    );
    expect(typeOf('Gunmen attacked a Red Cross convoy near Ramadi.')).toBe('ngo');
    expect(typeOf('A car bomb exploded outside the PUK party headquarters in Mosul.')).toBe(
      'government',
    );
  });

  it('lets the forces attacked outrank the neighbourhood they were in', () => {
    expect(
      typeOf(
        'A suicide bomber attacked Iraqi security forces in the Enstar neighbourhood of Mosul.',
      ),
    ).toBe('military');
  });
});
