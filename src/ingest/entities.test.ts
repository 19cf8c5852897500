import { describe, expect, it } from 'vitest';
import { decodeEntities } from './entities.js';

describe('decodeEntities', () => {
  it('decodes the numeric references of a GED headline (Syria 2016, SOHR)', () => {
    expect(
      decodeEntities(
        'The &#8220;Islamic State&#8221; kill 35 member from the regime forces in Al-Fu&#8217;ah',
      ),
    ).toBe('The “Islamic State” kill 35 member from the regime forces in Al-Fu’ah');
  });

  it('decodes named, decimal and hex references, Arabic included', () => {
    expect(decodeEntities('&quot;Raqqa&quot; &amp; Deir ez-Zor: it&#39;s')).toBe(
      '"Raqqa" & Deir ez-Zor: it\'s',
    );
    // دير الزور (Deir ez-Zor) written as decimal references.
    expect(decodeEntities('&#1583;&#1610;&#1585; &#1575;&#1604;&#1586;&#1608;&#1585;')).toBe(
      'دير الزور',
    );
    expect(decodeEntities('&#x62D;&#x644;&#x628; &ndash; Aleppo')).toBe('حلب – Aleppo');
  });

  it('decodes once: text escaped twice keeps one level of escaping', () => {
    expect(decodeEntities('&amp;quot;Daesh&amp;quot;')).toBe('&quot;Daesh&quot;');
    expect(decodeEntities('&amp;#8217;')).toBe('&#8217;');
  });

  it('leaves unknown names, bare ampersands and unusable code points as written', () => {
    for (const s of [
      'AT&T &bogus; &Amp; &;',
      '&#0; &#xD800; &#x110000; &#27;[31m',
      'Hama &amp Homs',
    ]) {
      expect(decodeEntities(s)).toBe(s);
    }
  });

  it('reads &#128;–&#159; as Windows-1252, as browsers do', () => {
    expect(decodeEntities('Fu&#146;ah &#150; &#147;IS&#148;')).toBe('Fu’ah – “IS”');
  });

  it('never interprets tags: escaped markup becomes text, markup stays as written', () => {
    expect(decodeEntities('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe(
      '<script>alert(1)</script>',
    );
    expect(decodeEntities('<b>Idlib</b> &amp; <i>Hama</i>')).toBe('<b>Idlib</b> & <i>Hama</i>');
  });
});
