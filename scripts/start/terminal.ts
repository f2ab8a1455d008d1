import { styleText } from 'node:util';

export type Style = Parameters<typeof styleText>[0];

const colorful = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

export function paint(style: Style, text: string): string {
  return colorful ? styleText(style, text) : text;
}

/** Width of the name column that prefixes every line: `users    │ …`. */
const prefixWidth = 9;

export function prefix(name: string, style: Style = 'gray'): string {
  return paint(style, `${name.padEnd(prefixWidth)}│ `);
}

/** Writes each line of `text` behind the name column. */
export function printLines(name: string, text: string, style: Style = 'gray', textStyle?: Style) {
  for (const line of text.split('\n')) {
    console.log(`${prefix(name, style)}${textStyle ? paint(textStyle, line) : line}`);
  }
}

export function say(message: string): void {
  printLines('trellis', message, 'cyan');
}

export function warn(message: string): void {
  printLines('trellis', message, 'yellow', 'yellow');
}

export function fail(message: string): void {
  printLines('trellis', message, 'red', 'red');
}

/** Output is best effort: a closed terminal must not crash the runner halfway through stopping. */
export function ignoreOutputErrors(): void {
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
}
