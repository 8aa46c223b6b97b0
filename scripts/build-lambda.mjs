#!/usr/bin/env node
/**
 * `npm run build:lambda`: the AWS Config custom-rule Lambda as ONE file, dist-lambda/index.mjs.
 *
 * Why esbuild: it bundles TypeScript ESM straight from src/ (no tsc step first), tree-shakes the AWS SDK
 * down to the one client the handler uses, minifies, and takes well under a second. (Rollup/webpack would
 * need TypeScript, node-resolve and commonjs plugins to do the same.)
 *
 * Why the SDK is bundled although the nodejs22.x runtime ships SDK v3: bundling pins the client version
 * the tests ran against (the runtime's copy changes under you with runtime updates), and one bundled
 * file loads faster than resolving the runtime's node_modules tree. It costs bundle size, measured by
 * bench/lambda.js against the 1.5 MB budget.
 *
 * The rules and policy packs are embedded already parsed and validated (step 1 runs plumbline's own
 * loaders over rules/ and policies/), so the Lambda reads no files and compiles no YAML or JSON Schema
 * at cold start.
 *
 * Your own policy and rules: `npm run build:lambda -- --policy team.yaml [--rules DIR]...` embeds
 * team.yaml as the pack "team" (its bases, parameters, severities and waivers; a built-in pack of the
 * same name is replaced) and the rule files of each DIR next to the built-in ones. Both are checked as
 * `plumbline audit` checks them: a bad policy or rule stops the build with `file:line: what` (exit 2).
 */
import { build } from "esbuild";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, statSync } from "node:fs";
import { crc32, deflateRawSync } from "node:zlib";
import { tmpdir } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = resolve(root, process.env.LAMBDA_OUT_DIR ?? "dist-lambda");
const outfile = join(outDir, "index.mjs");
const zipfile = join(outDir, "plumbline-config-rule.zip");

/**
 * A one-file zip (PKZIP APPNOTE 6.3: local header, deflated data, central directory, end record) for the
 * Lambda deployment package; the Terraform mirror has no archive provider, and this needs no dependency.
 * The timestamp is fixed so the same bundle gives the same zip (and the same source_code_hash).
 */
function zipOne(name, data) {
  const raw = deflateRawSync(data, { level: 9 });
  const crc = crc32(data);
  const nameBuf = Buffer.from(name, "utf8");
  const DOS_TIME = 0, DOS_DATE = (2020 - 1980) << 9 | 1 << 5 | 1; // 2020-01-01 00:00
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6); local.writeUInt16LE(8, 8);
  local.writeUInt16LE(DOS_TIME, 10); local.writeUInt16LE(DOS_DATE, 12); local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(raw.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(nameBuf.length, 26); local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(0x0314, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0x0800, 8);
  central.writeUInt16LE(8, 10); central.writeUInt16LE(DOS_TIME, 12); central.writeUInt16LE(DOS_DATE, 14); central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(raw.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(nameBuf.length, 28);
  central.writeUInt32LE((0o100644 << 16) >>> 0, 38); central.writeUInt32LE(0, 42);
  const end = Buffer.alloc(22);
  const cdOffset = local.length + nameBuf.length + raw.length;
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBuf.length, 12); end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, nameBuf, raw, central, nameBuf, end]);
}

/** Where the user ran the build: npm runs scripts in the package root and keeps the caller's cwd in INIT_CWD. */
const callerDir = process.env.INIT_CWD ?? process.cwd();

/** --policy FILE (repeatable) and --rules DIR (repeatable); anything else is a usage error. */
function parseArgs(argv) {
  const out = { policies: [], rules: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") fail(`${flag}: expected a value`);
      return v;
    };
    if (flag === "--policy") out.policies.push(resolve(callerDir, value()));
    else if (flag === "--rules") {
      const dir = resolve(callerDir, value());
      if (!existsSync(dir)) fail(`--rules ${dir}: no such directory`);
      out.rules.push(dir);
    } else fail(`unknown argument '${a}' (expected --policy FILE or --rules DIR)`);
  }
  return out;
}

function fail(message) {
  console.error(`build:lambda: ${message}`);
  process.exit(2);
}

const args = parseArgs(process.argv.slice(2));

// 1. Load and validate the rule set with plumbline's own loaders (bundled to a temp script: src is TypeScript).
const tmp = mkdtempSync(join(tmpdir(), "plumbline-lambda-"));
try {
  const loader = join(tmp, "load.mjs");
  await build({
    stdin: {
      contents: `import { loadRuleSetFrom } from "./src/configrule/load.ts";
        export const load = (rules, policies, extraRules, policyFiles) => loadRuleSetFrom([rules, ...extraRules], policies, policyFiles);`,
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: loader,
    logLevel: "error",
    banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' },
  });
  const { load } = await import(pathToFileURL(loader).href);
  let set;
  try {
    set = await load(join(root, "rules"), join(root, "policies"), args.rules, args.policies);
  } catch (e) {
    // plumbline's input errors are one line naming file:line; anything else is a bug worth its stack.
    if (e && e.name === "InputError") fail(e.message);
    throw e;
  }
  const { replaced, ...ruleSet } = set;
  // Paths in the bundle are relative to the package (or, for your own files, to where the build ran):
  // the build machine's layout is nobody's business.
  const rel = (f) => {
    if (typeof f !== "string" || !isAbsolute(f)) return f;
    if (f.startsWith(root + sep)) return relative(root, f);
    const fromCaller = relative(callerDir, f);
    return fromCaller.startsWith("..") ? basename(f) : fromCaller;
  };
  for (const r of set.rules) r.file = rel(r.file);
  for (const p of Object.values(set.packs)) {
    p.file = rel(p.file);
    p.files = p.files.map(rel);
    for (const w of p.waivers) w.file = rel(w.file);
    for (const m of p.mentions) m.file = rel(m.file);
    if (p.drift) for (const d of p.drift.ignore) d.file = rel(d.file);
  }
  const embedded = JSON.stringify(ruleSet);

  // 2. The Lambda bundle, with src/configrule/embedded.ts replaced by the rule set.
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(root, "src/configrule/lambda.ts")],
    bundle: true,
    platform: "node",
    target: "node22",
    format: "esm",
    minify: true,
    legalComments: "linked",
    outfile,
    metafile: true,
    logLevel: "error",
    banner: { js: 'import { createRequire as __plumblineRequire } from "node:module"; const require = __plumblineRequire(import.meta.url);' },
    plugins: [
      {
        name: "plumbline-embedded-rules",
        setup(b) {
          // JSON.parse of a string literal: V8 parses JSON text faster than the same data as a JS object literal.
          b.onLoad({ filter: /[\\/]src[\\/]configrule[\\/]embedded\.ts$/ }, () => ({ contents: `export const EMBEDDED = JSON.parse(${JSON.stringify(embedded)});`, loader: "js" }));
        },
      },
    ],
  });
  writeFileSync(join(outDir, "meta.json"), JSON.stringify(result.metafile));
  const size = statSync(outfile).size;
  writeFileSync(zipfile, zipOne("index.mjs", readFileSync(outfile)));
  for (const name of replaced) console.log(`pack ${name}: your policy replaces the built-in pack of that name`);
  console.log(`wrote ${relative(root, outfile)} (${(size / 1024).toFixed(0)} KiB, ${set.rules.length} rules, ${Object.keys(set.packs).length} packs: ${Object.keys(set.packs).sort().join(", ")}) and ${relative(root, zipfile)}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
