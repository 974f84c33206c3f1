/**
 * A form's refusals at their fields (D81): the text under an input, with the id its `aria-describedby`
 * names (`<prefix>-<field>-fout`), or nothing while the field is not refused.
 */
export const fieldErrors = (errors: Readonly<Record<string, string>>, prefix: string) => {
  const id = (name: string): string | undefined => (errors[name] ? `${prefix}-${name}-fout` : undefined);
  const text = (name: string) =>
    errors[name] ? (
      <span className="asb-error" id={id(name)}>
        {errors[name]}
      </span>
    ) : null;
  return { id, text };
};
