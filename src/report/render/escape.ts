/** Text from evidence (names, tags, reasons) can hold anything: these make it inert in each output format. */

const MD_SPECIAL = /[\\`*_{}[\]()#+!|<>&~]/g;
const MD_ENTITIES: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;" };

/** Markdown (GitHub flavour, which also renders inline HTML): escape markup, neutralize HTML, keep one line. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n|\r/g, " ").replace(MD_SPECIAL, (c) => MD_ENTITIES[c] ?? `\\${c}`);
}

/** Cut long evidence values so one resource can't flood a report. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
