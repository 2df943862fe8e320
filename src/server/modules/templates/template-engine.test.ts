import { describe, expect, it } from 'vitest';
import { TEMPLATE_IDS } from '../../../contracts/templates';
import {
  builtInTemplate,
  normalizeLanguage,
  renderReminderTemplate,
  resolveTemplate,
} from '../dunning/reminder-templates';
import { renderTemplate, sampleScope, textToHtml, validateTemplate } from './template-engine';

const at = (text: string, part: 'subject' | 'text' | 'html' = 'text') =>
  validateTemplate({ subject: 'x', text: 'x', html: null, [part]: text }, 'fr')[0] ?? null;

describe('TPL-2 validation at save', () => {
  it.each([
    ['{{ customer.nmae }}', { kind: 'unknownVariable', name: 'customer.nmae', line: 1, column: 4 }],
    ['a\n\n   {{ company.nom }}', { kind: 'unknownVariable', name: 'company.nom', line: 3, column: 7 }],
    ['{{ items[0].prix }}', { kind: 'unknownVariable', name: 'items[0].prix', line: 1, column: 4 }],
    ['{% for x in items %}\n{{ x.amount }}{{ x.foo }}{% endfor %}', { name: 'x.foo', line: 2, column: 18 }],
    ['{{ forloop.index }}', { kind: 'unknownVariable', name: 'forloop.index' }],
    ['{{ total }}', { kind: 'unknownVariable', name: 'total' }],
    ['x\n{{ reminder.total | monnaie }}', { kind: 'unknownFilter', name: 'monnaie', line: 2, column: 21 }],
    ['{% include "secret.liquid" %}', { kind: 'forbiddenTag', name: 'include' }],
    ['{% render "secret" %}', { kind: 'forbiddenTag', name: 'render' }],
    ['{% layout "x" %}', { kind: 'forbiddenTag', name: 'layout' }],
    ['{% if x %}', { kind: 'syntax' }],
    ['{% for i in (1..100000000) %}x{% endfor %}', { kind: 'limit' }],
    ['{% for i in (1..5000) %}{% for j in (1..5000) %}{{ i }}{% endfor %}{% endfor %}', { kind: 'limit' }],
  ])('refuses %j', (source, expected) => {
    expect(at(source)).toMatchObject(expected);
  });

  it.each([
    '{{ customer.name }} {{ customer.customFields.region }} {{ items.size }} {{ items.first.piece }}',
    '{% for item in items %}{{ forloop.index }}. {{ item.piece }} {{ item.amount | money }}{% if item.originalCurrency %} ({{ item.originalAmount | money: item.originalCurrency }}){% endif %}{% endfor %}',
    '{% assign t = reminder.overdueTotal %}{{ t | money }} {{ reminder.oldestDueDate | short_date }} {{ today | date_fr }}',
    '{% for i in (1..3) %}{{ i }}{% endfor %} {{ sender.name | upcase }} {{ reminder.portalLink | default: "-" }}',
  ])('accepts %j', (source) => {
    expect(at(source)).toBeNull();
  });

  it('checks the subject and the HTML part too, each at its own position', () => {
    const problems = validateTemplate({ subject: '{{ a }}', text: 'ok', html: '<p>\n{{ b | c }}</p>' }, 'en');
    expect(problems.map((p) => [p.part, p.name, p.line])).toEqual([
      ['subject', 'a', 1],
      ['html', 'c', 2],
    ]);
  });

  it('every built-in template is valid in both languages', () => {
    for (const id of TEMPLATE_IDS)
      for (const language of ['fr', 'en'])
        expect(validateTemplate(builtInTemplate(id, language)!, language)).toEqual([]);
  });
});

describe('TPL-1 TPL-3 rendering', () => {
  it('escapes values in the HTML part and makes one from the text when there is none', () => {
    const scope = sampleScope('fr');
    scope.customer.name = '<script>x</script>';
    const html = renderTemplate(
      { subject: 's', text: 't', html: '<b>{{ customer.name }}</b>' },
      'fr',
      scope,
    ).html;
    expect(html).toBe('<b>&lt;script&gt;x&lt;/script&gt;</b>');
    expect(textToHtml('Bonjour,\n\n- A <1>\n- B\nFin')).toContain(
      '<ul><li>A &lt;1&gt;</li><li>B</li></ul>\n<p>Fin</p>',
    );
  });

  it('TPL-3 shows an item in its original currency', () => {
    const out = renderReminderTemplate('standard-r1', 'en', {
      company: { name: 'ACME', currency: 'EUR' },
      customer: { account: '411A', name: 'A', customFields: { region: 'Nord' } },
      reminder: { level: 'R1', total: 10_000, itemCount: 1 },
      items: [
        {
          piece: 'F1',
          documentDate: '2024-01-01',
          dueDate: '2024-01-31',
          amount: 10_000,
          daysLate: 3,
          originalAmount: 11_000,
          originalCurrency: 'USD',
        },
      ],
      today: '2024-02-03',
    });
    expect(out.text).toContain('F1 of 2024-01-01, due 2024-01-31: 100.00\u00a0€ (3 days late)');
    const custom = renderTemplate(
      {
        subject: 's',
        text: '{% for i in items %}{{ i.originalAmount | money: i.originalCurrency }}{% endfor %} {{ customer.customFields.region }}|{{ customer.customFields.none }}|',
        html: null,
      },
      'fr',
      { ...sampleScope('fr') },
    );
    expect(custom.text).toBe('1\u00a0300,00\u00a0USD |' + '|');
  });

  it('TPL-1 picks the customer language, then the default language, then French', () => {
    const set = { defaultLanguage: 'en', stored: new Map() };
    expect(resolveTemplate(set, 'standard-r1', 'EN-us')?.language).toBe('en');
    expect(resolveTemplate(set, 'standard-r1', 'de')?.language).toBe('en');
    expect(resolveTemplate({ defaultLanguage: 'de', stored: new Map() }, 'standard-r1', 'it')?.language).toBe(
      'fr',
    );
    expect(resolveTemplate(undefined, 'standard-r1', null)?.language).toBe('fr');
    expect(normalizeLanguage('Français')).toBe('fr');
    expect(resolveTemplate(undefined, 'nope', 'fr')).toBeNull();
  });
});
