import { describe, expect, it } from 'vitest';
import { detectLang } from './lang.js';

describe('detectLang', () => {
  it.each([
    ['A roadside bomb hit a convoy near Baiji on Friday morning.', 'en'],
    ['RT @NewsDesk: #IS fighters killed 20 soldiers near Ramadi, sources say', 'en'],
    ['هاجم مسلحون نقطة تفتيش للجيش قرب مدينة سامراء', 'ar'],
    ["les miliciens chiites ont parfois des uniformes de l'armée irakienne", 'fr'],
    ['Die Kämpfer haben am Morgen einen Kontrollpunkt angegriffen', 'de'],
    ['Savaşçılar sabah saatlerinde bir kontrol noktasına saldırdı', 'tr'],
  ])('labels %j as %s', (text, lang) => {
    expect(detectLang(text)).toBe(lang);
  });

  it('abstains on text too short once URLs and mentions are removed', () => {
    expect(detectLang('Short')).toBeNull();
    expect(detectLang('@someone @other https://t.co/abcdefghij ok')).toBeNull();
  });
});
