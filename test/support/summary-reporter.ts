/**
 * Prints one plain closing line, "N passed, N failed, N skipped", after vitest's own summary, so that any
 * CI log reader can count the tests without knowing vitest's format.
 */
import type { Reporter } from "vitest/reporters";

type Task = { type: string; mode?: string; result?: { state?: string }; tasks?: Task[] };

function count(tasks: readonly Task[], acc = { passed: 0, failed: 0, skipped: 0 }) {
  for (const t of tasks) {
    if (t.type === "test") {
      const state = t.result?.state;
      if (state === "pass") acc.passed++;
      else if (state === "fail") acc.failed++;
      else acc.skipped++;
    } else if (t.tasks) {
      count(t.tasks, acc);
    }
  }
  return acc;
}

export default class SummaryReporter implements Reporter {
  onFinished(files: readonly Task[] = [], errors: readonly unknown[] = []): void {
    const { passed, failed, skipped } = count(files);
    // Errors outside tests (a file that fails to import) fail the run too.
    const failedTotal = failed + errors.length + files.filter((f) => f.result?.state === "fail" && !f.tasks?.length).length;
    process.stdout.write(`\n${passed} passed, ${failedTotal} failed, ${skipped} skipped\n`);
  }
}
