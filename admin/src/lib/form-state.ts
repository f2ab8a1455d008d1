/** What a server action answers a form with, for useActionState. */
interface FormInput {
  /** A message per field name, shown beside the field. */
  fieldErrors?: Record<string, string>;
  /** The values submitted, so that a refused form keeps what was typed. */
  values?: Record<string, string>;
}

export type FormState = FormInput &
  (
    | { status: 'idle' }
    /** `message` is a sentence saying what was done; `title` names it when it helps. */
    | { status: 'success'; title?: string; message: string }
    /** `title` says what failed ("Could not suspend the user"); `message` says why. */
    | { status: 'error'; title: string; message: string }
  );

export const idleForm: FormState = { status: 'idle' };

/** A refusal: what failed, and why. */
export function failed(title: string, message: string, input: FormInput = {}): FormState {
  return { status: 'error', title, message, ...input };
}

export function formValues(data: FormData, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(data.get(name) ?? '')]));
}

export function formText(data: FormData, name: string): string {
  return String(data.get(name) ?? '').trim();
}
