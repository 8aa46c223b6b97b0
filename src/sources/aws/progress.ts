/**
 * Progress of a live collection on a terminal: one stderr line rewritten in place (accounts, regions,
 * services, resources found). Silent when stderr is not a TTY or with --quiet, so logs and pipes stay clean.
 */

export interface ProgressSink {
  accounts(total: number): void;
  accountDone(): void;
  /** Work units (account × region × collector) planned. */
  planned(tasks: number, regions: number): void;
  regionDone(): void;
  taskDone(service: string, resources: number): void;
  finish(): void;
}

export const SILENT_PROGRESS: ProgressSink = {
  accounts() {},
  accountDone() {},
  planned() {},
  regionDone() {},
  taskDone() {},
  finish() {},
};

export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

/** A progress line on `stream` when it is a TTY and not quiet; otherwise nothing at all. */
export function progressFor(stream: ProgressStream | undefined, quiet: boolean | undefined): ProgressSink {
  if (!stream || quiet || !stream.isTTY) return SILENT_PROGRESS;
  return new TtyProgress(stream);
}

export class TtyProgress implements ProgressSink {
  private accountsTotal = 0;
  private accountsDone = 0;
  private regionsTotal = 0;
  private regionsDone = 0;
  private tasksTotal = 0;
  private tasksDone = 0;
  private resources = 0;
  private readonly services = new Set<string>();
  private last = 0;
  private shown = false;

  /** `intervalMs`: the least time between redraws, so a fast run does not flood the terminal. */
  constructor(
    private readonly stream: ProgressStream,
    private readonly intervalMs = 100,
  ) {}

  accounts(total: number): void {
    this.accountsTotal = total;
    this.draw(true);
  }
  accountDone(): void {
    this.accountsDone++;
    this.draw();
  }
  planned(tasks: number, regions: number): void {
    this.tasksTotal += tasks;
    this.regionsTotal += regions;
    this.draw();
  }
  regionDone(): void {
    this.regionsDone++;
    this.draw();
  }
  taskDone(service: string, resources: number): void {
    this.tasksDone++;
    this.services.add(service);
    this.resources += resources;
    this.draw();
  }
  finish(): void {
    if (this.shown) this.stream.write("\r\x1b[2K");
    this.shown = false;
  }

  line(): string {
    return (
      `plumbline: AWS accounts ${this.accountsDone}/${this.accountsTotal}` +
      ` · regions ${this.regionsDone}/${this.regionsTotal}` +
      ` · services ${this.services.size} (${this.tasksDone}/${this.tasksTotal} done)` +
      ` · ${this.resources} resources found`
    );
  }

  private draw(force = false): void {
    const now = Date.now();
    if (!force && now - this.last < this.intervalMs) return;
    this.last = now;
    this.shown = true;
    this.stream.write(`\r\x1b[2K${this.line()}`);
  }
}
