/** What a server action answers a form with, for useActionState. */
export interface FormState {
  status: 'idle' | 'error' | 'success';
  /** A sentence for the whole form: what went wrong, or what was done. */
  message?: string;
  /** A message per field name, shown beside the field. */
  fieldErrors?: Record<string, string>;
  /** The values submitted, so that a refused form keeps what was typed. */
  values?: Record<string, string>;
}

export const idleForm: FormState = { status: 'idle' };

export function formValues(data: FormData, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(data.get(name) ?? '')]));
}

export function formText(data: FormData, name: string): string {
  return String(data.get(name) ?? '').trim();
}
