import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../../contracts/dunning';
import { STANDARD_SCENARIO } from '../../../../domain/dunning/scenario';
import { ApiError } from '../../../api/client';
import {
  addStep,
  changeStep,
  draftLevels,
  fromDraft,
  isDraftChanged,
  moveStep,
  parseCc,
  readScenarioErrors,
  toDraft,
} from './scenario-draft';

const standard = JSON.parse(JSON.stringify(STANDARD_SCENARIO)) as Profile['scenario'];

describe('scenario editor draft (DUN-2…DUN-4)', () => {
  it('round-trips the Standard scenario unchanged', () => {
    const draft = toDraft(standard);
    expect(isDraftChanged(draft, standard)).toBe(false);
    const { scenario, errors } = fromDraft(standard.name, draft);
    expect(errors).toEqual([]);
    expect(scenario).toEqual(standard);
  });

  it('sees a change whatever the order the database gives the fields back in', () => {
    const reordered = JSON.parse(
      JSON.stringify(standard, (_k, v) =>
        v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
      ),
    ) as Profile['scenario'];
    const draft = toDraft(standard);
    expect(isDraftChanged(draft, reordered)).toBe(false);
    const changed = { ...draft, withEmail: changeStep(draft.withEmail, 1, 'daysText', '7') };
    expect(isDraftChanged(changed, reordered)).toBe(true);
    expect(fromDraft('Standard', changed).scenario.withEmail.steps[1]?.days).toBe(7);
  });

  it('keeps CC as typed and sends the addresses', () => {
    expect(parseCc(' a@b.fr, c@d.fr ;e@f.fr, ')).toEqual(['a@b.fr', 'c@d.fr', 'e@f.fr']);
    const draft = toDraft(standard);
    const typed = changeStep(draft.withEmail, 0, 'ccText', 'a@b.fr, ');
    expect(typed.steps[0]?.ccText).toBe('a@b.fr, ');
    expect(fromDraft('S', { ...draft, withEmail: typed }).scenario.withEmail.steps[0]?.cc).toEqual([
      'a@b.fr',
    ]);
  });

  it('names the step whose days are not a whole number, before asking the API', () => {
    const draft = toDraft(standard);
    const bad = { ...draft, withoutEmail: changeStep(draft.withoutEmail, 2, 'daysText', '1,5') };
    expect(fromDraft('S', bad).errors).toEqual([
      { variant: 'withoutEmail', code: 'invalidDays', stepIndex: 2, field: 'days', message: '' },
    ]);
  });

  it('a phone step has no template and is not automatic; back to email, it gets one', () => {
    const draft = toDraft(standard).withEmail;
    const phone = changeStep(draft, 1, 'channel', 'phone');
    expect(phone.steps[1]).toMatchObject({ channel: 'phone', templateId: null, isAutomatic: false });
    const letter = changeStep(phone, 1, 'channel', 'letter');
    expect(letter.steps[1]?.templateId).toBe('standard-r1-letter');
  });

  it('a template chosen by hand stays when the channel changes', () => {
    const draft = toDraft(standard).withEmail;
    const chosen = changeStep(draft, 2, 'templateId', 'standard-formal-notice');
    expect(changeStep(chosen, 2, 'channel', 'letter').steps[2]?.templateId).toBe('standard-formal-notice');
  });

  it('DUN-4: R1 from the document date moves every reminder to it and turns the notice off', () => {
    const draft = toDraft(standard).withEmail;
    const next = changeStep(draft, 1, 'basis', 'documentDate');
    expect(next.steps.map((s) => s.basis)).toEqual([
      null,
      'documentDate',
      'documentDate',
      'documentDate',
      'documentDate',
      null,
    ]);
    expect(next.steps[0]?.isEnabled).toBe(false);
    expect(next.steps.map((s) => s.daysText)).toEqual(['5', '5', '15', '25', '35', '2']);
  });

  it('a step turned into a reminder gets a basis, into a notice loses it', () => {
    const draft = toDraft(standard).withEmail;
    expect(changeStep(draft, 2, 'kind', 'notice').steps[2]?.basis).toBeNull();
    const withoutNotice = toDraft(standard).withoutEmail;
    const back = changeStep(changeStep(withoutNotice, 0, 'kind', 'notice'), 0, 'kind', 'reminder');
    expect(back.steps[0]?.basis).toBe('dueDate');
  });

  it('adds a reminder before the thank-you and numbers the levels', () => {
    const draft = toDraft(standard).withEmail;
    const added = addStep(draft, 'withEmail');
    expect(added.steps).toHaveLength(7);
    expect(added.steps[5]).toMatchObject({ kind: 'reminder', channel: 'email', basis: 'previousReminder' });
    expect(draftLevels(added)).toEqual(['notice', 'R1', 'R2', 'R3', 'R4', 'R5', null]);
    expect(addStep(toDraft(standard).withoutEmail, 'withoutEmail').steps[4]?.channel).toBe('letter');
    expect(moveStep(added, 0, -1)).toBe(added);
  });

  it('reads the refused steps of a 400 answer, and nothing else', () => {
    const errors = [
      {
        variant: 'withEmail',
        code: 'templateRequired',
        stepIndex: 1,
        field: 'templateId',
        message: 'step 2: an email step needs a template',
      },
    ];
    expect(readScenarioErrors(new ApiError(400, 'invalid_input', 'x', { errors }))).toEqual(errors);
    expect(readScenarioErrors(new ApiError(400, 'invalid_input', 'x', { issues: [] }))).toBeNull();
    expect(readScenarioErrors(new ApiError(409, 'conflict', 'x'))).toBeNull();
    expect(readScenarioErrors(new Error('x'))).toBeNull();
  });
});
