export type Theme = 'light' | 'dark';

/** Not httpOnly: the theme toggle sets it in the browser; the server reads it to render. */
export const themeCookie = 'trellis_theme';

export function themeOf(value: string | undefined): Theme | undefined {
  return value === 'light' || value === 'dark' ? value : undefined;
}
