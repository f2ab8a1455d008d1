// Lists the longest functions under the given folders, measured with the TypeScript parser:
// `tsx scripts/function-lengths.ts services/kit/src services/client/src [--most 5] [--over 100]`.
// Exits 1 when --over is given and a function is longer, so it can guard a folder.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface FunctionLength {
  file: string;
  name: string;
  line: number;
  lines: number;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) {
      return entry === 'generated' || entry === 'node_modules' ? [] : sourceFiles(full);
    }
    return /\.tsx?$/.test(entry) && !entry.endsWith('.d.ts') ? [full] : [];
  });
}

function nameOf(node: ts.Node, source: ts.SourceFile): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name) {
    return named.name.getText(source);
  }
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) {
    return parent.name.getText(source);
  }
  return '(anonymous)';
}

function measure(file: string): FunctionLength[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const found: FunctionLength[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ file, name: nameOf(node, source), line: start + 1, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every function under `folders` (generated code left out), longest first. */
export function functionLengths(folders: readonly string[]): FunctionLength[] {
  return folders
    .flatMap(sourceFiles)
    .flatMap(measure)
    .sort((a, b) => b.lines - a.lines);
}

function main(args: string[]) {
  const option = (flag: string) => {
    const at = args.indexOf(flag);
    return at === -1 ? undefined : Number(args.splice(at, 2)[1]);
  };
  const most = option('--most') ?? 5;
  const over = option('--over');
  const all = functionLengths(args);
  for (const fn of all.slice(0, most)) {
    process.stdout.write(`${String(fn.lines).padStart(5)}  ${fn.file}:${fn.line}  ${fn.name}\n`);
  }
  const tooLong = over === undefined ? [] : all.filter((fn) => fn.lines > over);
  if (tooLong.length > 0) {
    process.stderr.write(`functions over ${over} lines: ${tooLong.length}\n`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2));
}
