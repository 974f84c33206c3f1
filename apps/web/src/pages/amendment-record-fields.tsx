import type { RequestBody } from '../api';
import { useT } from '../i18n';
import type { useRefusal } from '../refusal';
import { fieldErrors } from '../field-errors';

/** What every amendment records besides its changes (D43, D81): both the one-change form and the whole-document form ask it. */
export type AmendmentRecord = { reason: string; legalBasis: string; authority: string; effectiveFrom: string; grounds: string };

/** The body `POST /norm-sets/{normSetId}/amendments` takes. */
export type Amendment = RequestBody<'/norm-sets/{normSetId}/amendments'>;

/** The amendment both forms send: the record as typed, trimmed; grounds only when declared (the select offers the API's). */
export const amendmentOf = (baseVersion: number, changes: Amendment['changes'], form: AmendmentRecord): Amendment => ({
  baseVersion,
  changes,
  reason: form.reason.trim(),
  legalBasis: form.legalBasis.trim(),
  authority: form.authority.trim(),
  effectiveFrom: form.effectiveFrom,
  ...(form.grounds ? { grounds: form.grounds as Amendment['grounds'] } : {}),
});

/**
 * The reason, legal basis, authority, effective date and declared grounds of an amendment, with the
 * form's own errors (`errors[name]`, shown as `{id}-{name}-fout`) and the API's refusal marked at each.
 */
export const AmendmentRecordFields = ({ id, form, setForm, errors, refusal }: { id: string; form: AmendmentRecord; setForm: (f: AmendmentRecord) => void; errors: Readonly<Record<string, string>>; refusal: ReturnType<typeof useRefusal> }) => {
  const t = useT();
  const own = (name: string) => ({ invalid: !!errors[name], describedBy: errors[name] ? `${id}-${name}-fout` : undefined });
  const errorText = fieldErrors(errors, id).text;
  return (
    <>
      <div className="asb-field">
        <label htmlFor={`${id}-reason`}>{t('reason')}</label>
        {errorText('reason')}
        <textarea id={`${id}-reason`} rows={3} value={form.reason} {...refusal.field('reason', own('reason'))} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
      </div>
      <div className="asb-field">
        <label htmlFor={`${id}-legalBasis`}>{t('legalBasis')}</label>
        {errorText('legalBasis')}
        <input id={`${id}-legalBasis`} value={form.legalBasis} {...refusal.field('legalBasis', own('legalBasis'))} onChange={(e) => setForm({ ...form, legalBasis: e.target.value })} />
      </div>
      <div className="asb-field">
        <label htmlFor={`${id}-authority`}>{t('authority')}</label>
        <input id={`${id}-authority`} value={form.authority} {...refusal.field('authority')} onChange={(e) => setForm({ ...form, authority: e.target.value })} />
      </div>
      <div className="asb-field">
        <label htmlFor={`${id}-effectiveFrom`}>{t('effectiveFrom')}</label>
        <input id={`${id}-effectiveFrom`} type="date" value={form.effectiveFrom} {...refusal.field('effectiveFrom')} onChange={(e) => setForm({ ...form, effectiveFrom: e.target.value })} />
      </div>
      <div className="asb-field">
        <label htmlFor={`${id}-grounds`}>{t('grounds')}</label>
        <span className="asb-hint" id={`${id}-grounds-hint`}>
          {t('groundsHint')}
        </span>
        <select id={`${id}-grounds`} value={form.grounds} {...refusal.field('grounds', { describedBy: `${id}-grounds-hint` })} onChange={(e) => setForm({ ...form, grounds: e.target.value })}>
          <option value="">{t('groundsNone')}</option>
          <option value="extreme-weather">{t('groundsExtremeWeather')}</option>
        </select>
      </div>
    </>
  );
};
