/**
 * The CLI from source, for tests that must start plumbline as a separate process (the nightly runner):
 *   node_modules/.bin/vite-node test/support/plumbline-src.ts -- audit ...
 */
import { main } from "../../src/cli/main.js";

process.exitCode = await main(process.argv);
