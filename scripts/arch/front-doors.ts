/**
 * Front doors for the domains of packages/core/src (issue #13, decision 025).
 *
 *   node scripts/arch/front-doors.ts           rewrite every cross-domain deep import
 *   node scripts/arch/front-doors.ts --check   list them and exit 1 if there is any
 *
 * A domain is a first-level folder of packages/core/src that is not infrastructure
 * (scripts/arch/layout.json). An import from one domain's file of another domain's file other
 * than its index.ts (or its testing/ folder, or a router.ts from trpc/ or admin/router.ts) is deep: it is rewritten to the other domain's
 * index.ts, and the names it needs are added to that index.ts (types as `export type`), which is
 * created if missing. Re-run it after a merge; a second run finds nothing. The TypeScript checker
 * decides whether a name is a type and whether index.ts already exports it (perhaps renamed).
 * Side-effect, namespace and default imports, `export *` and dynamic imports are listed for a
 * person to fix. Touched files are formatted with biome.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import ts from "typescript";

const { values: flags } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    // For the codemod's own test: another repository root, and no biome pass.
    root: { type: "string" },
    "no-format": { type: "boolean", default: false },
  },
});
const root = path.resolve(
  flags.root ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "../.."),
);
const layout = JSON.parse(readFileSync(path.join(root, "scripts/arch/layout.json"), "utf8")) as {
  coreSource: string;
  infrastructure: string[];
  routerMounts: string[];
  handlerMaps: string[];
};
const coreSrc = path.join(root, layout.coreSource);
const infrastructure = new Set(layout.infrastructure);

/** One name a deep import needs from the other domain. */
type Need = { imported: string; local: string; typeOnly: boolean };
type DeepImport = {
  file: string;
  node: ts.ImportDeclaration | ts.ExportDeclaration;
  target: string;
  domain: string;
  needs: Need[];
};
type Manual = { file: string; line: number; specifier: string; why: string };

/** The domain a file belongs to, or undefined for files at the root of src and outside it. */
function domainOf(file: string): string | undefined {
  const relative = path.relative(coreSrc, file);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return undefined;
  const parts = relative.split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** trpc/ and admin/router.ts compose the routers of every domain (layout.json routerMounts). */
const isRouterMount = (file: string) => {
  const relative = path.relative(coreSrc, file).split(path.sep).join("/");
  return layout.routerMounts.some((mount) =>
    mount.endsWith("/") ? relative.startsWith(mount) : relative === mount,
  );
};

/** app/job-handlers.ts composes every domain's job handlers (layout.json handlerMaps). */
const isHandlerMap = (file: string) =>
  layout.handlerMaps.includes(path.relative(coreSrc, file).split(path.sep).join("/"));

const frontDoorOf = (domain: string) => path.join(coreSrc, domain, "index.ts");

/** True when an import of `target` from `file` must go through the target's front door. */
function isDeep(file: string, target: string): boolean {
  const from = domainOf(file);
  const to = domainOf(target);
  if (!from || !to || from === to || infrastructure.has(to)) return false;
  if (target === frontDoorOf(to)) return false;
  // The worker's handler map imports handlers themselves (they stay out of front doors).
  if (target.endsWith(".job.ts") && isHandlerMap(file)) return false;
  // Routers are mounted by the router compositions and stay out of front doors.
  if (path.basename(target) === "router.ts" && isRouterMount(file)) return false;
  return !path.relative(path.join(coreSrc, to), target).split(path.sep).includes("testing");
}

/** `./x.ts` style specifier from a file's folder to another file. */
function specifierFrom(fromFile: string, toFile: string): string {
  const relative = path.relative(path.dirname(fromFile), toFile).split(path.sep).join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}

const configFile = ts.readConfigFile(
  path.join(root, "packages/core/tsconfig.json"),
  ts.sys.readFile,
);
const parsed = ts.parseJsonConfigFileContent(
  configFile.config,
  ts.sys,
  path.join(root, "packages/core"),
);
const program = ts.createProgram(parsed.fileNames, parsed.options);
const checker = program.getTypeChecker();

const sourceFiles = program
  .getSourceFiles()
  .filter((source) => !source.isDeclarationFile && domainOf(path.resolve(source.fileName)));

const lineOf = (source: ts.SourceFile, node: ts.Node) =>
  source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;

const deepImports: DeepImport[] = [];
const manual: Manual[] = [];

for (const source of sourceFiles) {
  const file = path.resolve(source.fileName);
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0]) &&
      node.arguments[0].text.startsWith(".")
    ) {
      const target = path.resolve(path.dirname(file), node.arguments[0].text);
      if (isDeep(file, target)) {
        manual.push({
          file,
          line: lineOf(source, node),
          specifier: node.arguments[0].text,
          why: "dynamic import",
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(source, visit);

  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
    const specifierNode = statement.moduleSpecifier;
    if (!specifierNode || !ts.isStringLiteral(specifierNode)) continue;
    if (!specifierNode.text.startsWith(".")) continue;
    const target = path.resolve(path.dirname(file), specifierNode.text);
    if (!isDeep(file, target)) continue;
    const domain = domainOf(target)!;
    const at = { file, line: lineOf(source, statement), specifier: specifierNode.text };

    const needs: Need[] = [];
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (!clause) {
        manual.push({ ...at, why: "side-effect import" });
        continue;
      }
      if (clause.name) {
        manual.push({ ...at, why: "default import" });
        continue;
      }
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) {
        manual.push({ ...at, why: "namespace import" });
        continue;
      }
      for (const element of bindings?.elements ?? []) {
        needs.push({
          imported: (element.propertyName ?? element.name).text,
          local: element.name.text,
          typeOnly: clause.isTypeOnly || element.isTypeOnly,
        });
      }
    } else {
      const clause = statement.exportClause;
      if (!clause || !ts.isNamedExports(clause)) {
        manual.push({ ...at, why: "export * from a deep path" });
        continue;
      }
      for (const element of clause.elements) {
        needs.push({
          imported: (element.propertyName ?? element.name).text,
          local: element.name.text,
          typeOnly: statement.isTypeOnly || element.isTypeOnly,
        });
      }
    }
    deepImports.push({ file, node: statement, target, domain, needs });
  }
}

const show = (file: string) => path.relative(root, file);

if (flags.check) {
  for (const deep of deepImports) {
    const source = deep.node.getSourceFile();
    process.stdout.write(
      `${show(deep.file)}:${lineOf(source, deep.node)} → ${show(deep.target)}\n`,
    );
  }
  for (const item of manual) {
    process.stdout.write(`${show(item.file)}:${item.line} → ${item.specifier} (${item.why})\n`);
  }
  const total = deepImports.length + manual.length;
  process.stdout.write(`${total} cross-domain deep import(s) in ${layout.coreSource}\n`);
  process.exit(total > 0 ? 1 : 0);
}

/** What a front door exports: its names and, for each resolved symbol, the name it goes by. */
type FrontDoor = {
  file: string;
  exists: boolean;
  byName: Map<string, ts.Symbol>;
  bySymbol: Map<ts.Symbol, string>;
  /** Names to add, by the module they come from (specifier relative to the index). */
  additions: Map<string, { name: string; typeOnly: boolean }[]>;
};

const resolveAlias = (symbol: ts.Symbol) =>
  symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;

const frontDoors = new Map<string, FrontDoor>();
function frontDoor(domain: string): FrontDoor {
  let door = frontDoors.get(domain);
  if (door) return door;
  const file = frontDoorOf(domain);
  door = {
    file,
    exists: existsSync(file),
    byName: new Map(),
    bySymbol: new Map(),
    additions: new Map(),
  };
  const source = program.getSourceFile(file);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  for (const exported of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
    const resolved = resolveAlias(exported);
    door.byName.set(exported.name, resolved);
    if (!door.bySymbol.has(resolved)) door.bySymbol.set(resolved, exported.name);
  }
  frontDoors.set(domain, door);
  return door;
}

/** The symbol a module exports under a name, resolved through re-exports. */
function exportedSymbol(target: string, name: string): ts.Symbol | undefined {
  const source = program.getSourceFile(target);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) return undefined;
  const exported = checker.getExportsOfModule(moduleSymbol).find((s) => s.name === name);
  return exported && resolveAlias(exported);
}

const found = deepImports.length + manual.length;
type Edit = { start: number; end: number; text: string };
const edits = new Map<string, Edit[]>();
let rewritten = 0;

for (const deep of deepImports) {
  const door = frontDoor(deep.domain);
  const source = deep.node.getSourceFile();
  // Plan every name first: a statement is rewritten whole or not at all.
  const planned: { need: Need; exportName: string; add?: { name: string; typeOnly: boolean } }[] =
    [];
  let problem: string | undefined;
  for (const need of deep.needs) {
    const symbol = exportedSymbol(deep.target, need.imported);
    if (!symbol) {
      problem = `${need.imported} is not exported by ${show(deep.target)}`;
      break;
    }
    const known = door.bySymbol.get(symbol);
    if (known) {
      planned.push({ need, exportName: known });
      continue;
    }
    if (door.byName.has(need.imported)) {
      problem = `${show(door.file)} already exports another ${need.imported}`;
      break;
    }
    const typeOnly = (symbol.flags & ts.SymbolFlags.Value) === 0;
    planned.push({ need, exportName: need.imported, add: { name: need.imported, typeOnly } });
  }
  if (problem) {
    manual.push({
      file: deep.file,
      line: lineOf(source, deep.node),
      specifier: (deep.node.moduleSpecifier as ts.StringLiteral).text,
      why: problem,
    });
    continue;
  }
  const fromIndex = specifierFrom(door.file, deep.target);
  for (const { need, add } of planned) {
    if (!add) continue;
    const symbol = exportedSymbol(deep.target, need.imported)!;
    door.byName.set(add.name, symbol);
    door.bySymbol.set(symbol, add.name);
    const list = door.additions.get(fromIndex) ?? [];
    list.push(add);
    door.additions.set(fromIndex, list);
  }

  // The statement keeps its own names; only renamed exports change an element's text.
  const fileEdits = edits.get(deep.file) ?? [];
  const specifier = deep.node.moduleSpecifier as ts.StringLiteral;
  fileEdits.push({
    start: specifier.getStart(source),
    end: specifier.getEnd(),
    text: JSON.stringify(specifierFrom(deep.file, door.file)),
  });
  const elements = ts.isImportDeclaration(deep.node)
    ? ((deep.node.importClause?.namedBindings as ts.NamedImports | undefined)?.elements ?? [])
    : ((deep.node.exportClause as ts.NamedExports | undefined)?.elements ?? []);
  elements.forEach((element, index) => {
    const { need, exportName } = planned[index]!;
    if (exportName === need.imported) return;
    const type = element.isTypeOnly ? "type " : "";
    fileEdits.push({
      start: element.getStart(source),
      end: element.getEnd(),
      text: `${type}${exportName} as ${need.local}`,
    });
  });
  edits.set(deep.file, fileEdits);
  rewritten++;
}

const touched = new Set<string>();
for (const [file, fileEdits] of edits) {
  let text = readFileSync(file, "utf8");
  for (const edit of fileEdits.sort((a, b) => b.start - a.start)) {
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  }
  writeFileSync(file, text);
  touched.add(file);
}

for (const door of frontDoors.values()) {
  if (door.additions.size === 0) continue;
  let text = door.exists ? readFileSync(door.file, "utf8") : "";
  const source = ts.createSourceFile(door.file, text, ts.ScriptTarget.Latest, true);
  const appended: string[] = [];
  const inserts: Edit[] = [];
  for (const [from, names] of door.additions) {
    // Into an existing `export { … } from "<from>"` when there is one, else a new statement.
    const existing = source.statements.find(
      (statement): statement is ts.ExportDeclaration =>
        ts.isExportDeclaration(statement) &&
        !statement.isTypeOnly &&
        !!statement.exportClause &&
        ts.isNamedExports(statement.exportClause) &&
        !!statement.moduleSpecifier &&
        ts.isStringLiteral(statement.moduleSpecifier) &&
        statement.moduleSpecifier.text === from,
    );
    const unique = [...new Map(names.map((name) => [name.name, name])).values()];
    if (existing) {
      const clause = existing.exportClause as ts.NamedExports;
      const last = clause.elements[clause.elements.length - 1];
      const items = unique.map((name) => `${name.typeOnly ? "type " : ""}${name.name}`);
      inserts.push({
        start: last ? last.getEnd() : clause.getStart(source) + 1,
        end: last ? last.getEnd() : clause.getStart(source) + 1,
        text: `${last ? ", " : ""}${items.join(", ")}`,
      });
      continue;
    }
    const values = unique.filter((name) => !name.typeOnly).map((name) => name.name);
    const types = unique.filter((name) => name.typeOnly).map((name) => name.name);
    if (values.length > 0) {
      const items = [...values, ...types.map((name) => `type ${name}`)];
      appended.push(`export { ${items.join(", ")} } from ${JSON.stringify(from)};`);
    } else {
      appended.push(`export type { ${types.join(", ")} } from ${JSON.stringify(from)};`);
    }
  }
  if (appended.length > 0) {
    // After the file's last import or re-export (biome then sorts them), else at its end.
    const anchor = source.statements.findLast(
      (statement) =>
        ts.isImportDeclaration(statement) ||
        (ts.isExportDeclaration(statement) && !!statement.moduleSpecifier),
    );
    const lines = appended.join("\n");
    inserts.push(
      anchor
        ? { start: anchor.getEnd(), end: anchor.getEnd(), text: `\n${lines}` }
        : {
            start: text.length,
            end: text.length,
            text: `${text && !text.endsWith("\n") ? "\n" : ""}${lines}\n`,
          },
    );
  }
  // Offsets are the original text's: apply from the end.
  for (const insert of inserts.sort((a, b) => b.start - a.start)) {
    text = text.slice(0, insert.start) + insert.text + text.slice(insert.end);
  }
  writeFileSync(door.file, text);
  touched.add(door.file);
}

if (touched.size > 0 && !flags["no-format"]) {
  // Formats what changed and merges imports of one front door into one statement.
  const biome = path.join(root, "node_modules/.bin/biome");
  try {
    execFileSync(biome, ["check", "--write", ...touched], { cwd: root, stdio: "inherit" });
  } catch {
    process.stdout.write("biome could not fix every changed file: see its messages above\n");
    process.exitCode = 1;
  }
}

for (const item of manual) {
  process.stdout.write(
    `manual: ${show(item.file)}:${item.line} → ${item.specifier} (${item.why})\n`,
  );
}
process.stdout.write(
  `${found} cross-domain deep import(s) found, ${rewritten} rewritten, ${touched.size} file(s) changed, ${manual.length} left to fix by hand\n`,
);
if (manual.length > 0) process.exitCode = 1;
