import { type FormInstance } from 'antd';

/**
 * Puts the server's per-field messages (the API's `fieldErrors`) on the form's fields; returns
 * whether any field took one (otherwise the caller shows the message as a toast).
 */
export function applyServerFieldErrors(
  form: FormInstance,
  error: unknown,
  nameOf: (field: string) => (string | number)[] | null = (f) => [f],
): boolean {
  const data = (
    error as { data?: { fieldErrors?: { field: string; message: string }[] | null } } | null
  )?.data;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields = (data?.fieldErrors ?? []).flatMap((e) => {
    const name = nameOf(e.field);
    return name && known.has(String(name[0]))
      ? [{ name, errors: [e.message.replace(/^.*?（[\w.[\]]+）：/, '')] }]
      : [];
  });
  if (fields.length > 0) form.setFields(fields);
  return fields.length > 0;
}
