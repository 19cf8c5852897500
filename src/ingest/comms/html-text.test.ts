import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-dom.js';

describe('htmlToText', () => {
  it('drops scripts, styles and tags, keeps the words', () => {
    expect(
      htmlToText(
        '<p>One <b>two</b></p><script>alert("<p>x</p>")</script><STYLE>p{}</STYLE><p>three</p>',
      ),
    ).toBe('One two\n\nthree');
  });

  it('drops tags whose attributes hide code, quoted or not', () => {
    expect(
      htmlToText('a<img src=x onerror=alert(1)>b<a href="x>y" onclick=\'alert(2)\'>c</a>'),
    ).toBe('abc');
  });

  it('decodes entities, keeps a lone less-than sign, and unwraps double-escaped markup', () => {
    expect(htmlToText('3 &lt; 5 &amp;&amp; 5 > 3 &#1575;&#x644;')).toBe('3 < 5 && 5 > 3 ال');
    expect(htmlToText('x < y')).toBe('x < y');
    expect(htmlToText('&lt;script&gt;alert(1)&lt;/script&gt;ok')).toBe('ok');
  });

  it('drops a script that never closes, to the end', () => {
    expect(htmlToText('before<script>alert(1)')).toBe('before');
  });
});
