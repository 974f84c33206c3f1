import { useRef, useState } from 'react';
import { ApiError } from './api';
import { useLang } from './i18n';
import { fieldInWords, isRefusedField } from './refusal-field';
import { REFUSAL_LABELS, refusalText } from './refusal-texts';

/**
 * A refusal as the person at the screen reads it (issue 16): the text of its code in the chosen language
 * and the refused field in words; the API's English message stays as a detail for support. A code this
 * app does not know (an older or newer API) shows the English message, marked as English.
 */
export const RefusalText = ({ error }: { error: unknown }) => {
  const { lang } = useLang();
  const message = error instanceof Error ? error.message : String(error);
  const api = error instanceof ApiError ? error : null;
  const text = api ? refusalText(api.code, lang) : undefined;
  const field = api?.field ? fieldInWords(api.field, lang) : null;
  if (!text) {
    return (
      <span lang="en">
        {message}
        {api?.field ? ` (${api.field})` : ''}
      </span>
    );
  }
  return (
    <>
      {text}
      {field ? ` ${REFUSAL_LABELS.concerns[lang]}: ${field}.` : null}
      <details className="asb-refusal-detail">
        <summary>{REFUSAL_LABELS.detail[lang]}</summary>
        <p lang="en">
          {message} ({api!.code}
          {api!.field ? `, ${api!.field}` : ''})
        </p>
      </details>
    </>
  );
};

/**
 * A form's refusal: `field(name)` marks the input the API refused (`aria-invalid`, described by the
 * message, WCAG 3.3.1) and moves the focus to it once per refusal; `name` is the API's field name,
 * `own` the form's own check of the input (merged: either marks it). `inputOf` turns the refused field
 * into the input's name where the two differ (a change sent as `changes[3].value` is an input of its own, D81).
 */
export const useRefusal = (id: string, inputOf: (field: string) => string = (field) => field) => {
  const [error, setError] = useState<unknown>(null);
  const focusedFor = useRef<unknown>(null);
  const messageId = `${id}-refusal`;
  const refused = error instanceof ApiError && error.field ? inputOf(error.field) : undefined;
  const field = (name: string, own: { invalid?: boolean; describedBy?: string } = {}) => {
    const invalid = isRefusedField(refused, name);
    return {
      'aria-invalid': invalid || own.invalid ? true : undefined,
      'aria-describedby': [own.describedBy, invalid ? messageId : undefined].filter(Boolean).join(' ') || undefined,
      ref: (element: HTMLElement | null) => {
        if (!invalid || !element || focusedFor.current === error) return;
        focusedFor.current = error;
        element.focus();
      },
    };
  };
  return { error, setError, clear: () => setError(null), field, messageId };
};
