#!/usr/bin/env node
import { main } from "../dist/cli/main.js";

main(process.argv).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`plumbline: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
