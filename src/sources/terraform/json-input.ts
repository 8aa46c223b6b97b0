/**
 * One JSON.parse of a whole state or plan, with errors a person can act on. V8's own messages quote
 * the input around the error (which may be a secret) and sometimes omit the position, so on failure
 * we locate the error ourselves and report only line, column and what was expected.
 */
import { inputError, type InputError } from "../../errors.js";

export function parseJsonDocument(text: string, file: string, what: string): unknown {
  // A byte-order mark is not JSON, but editors on Windows add one; Terraform itself ignores it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") throw inputError(file, undefined, `empty file; expected ${what} JSON`);
  try {
    return JSON.parse(body);
  } catch {
    throw jsonSyntaxError(body, file, what);
  }
}

function jsonSyntaxError(text: string, file: string, what: string): InputError {
  const { offset, reason } = locateJsonError(text);
  const { line, column } = lineColumn(text, offset);
  return inputError(file, line, `not valid JSON (column ${column}: ${reason}); expected ${what} JSON`);
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf("\n"); nl >= 0 && nl < offset; nl = text.indexOf("\n", nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Finds the first syntax error in text that JSON.parse rejected. Iterative (an explicit stack), so a
 * deeply nested document cannot overflow the call stack; linear in the input.
 */
export function locateJsonError(text: string): { offset: number; reason: string } {
  const n = text.length;
  let i = 0;
  // Each stack entry is the container we are in: "{" or "[".
  const stack: string[] = [];
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const fail = (reason: string) => ({ offset: Math.min(i, n), reason: i >= n ? "unexpected end of input" : reason });
  const scanString = (): string | undefined => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return "bad \\u escape in string";
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return "bad escape in string";
      } else if (c < 0x20) return "control character in string";
      else i++;
    }
    return "unterminated string";
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  // Returns an error reason, or undefined when a whole scalar was consumed / a container was opened.
  const scanValue = (): string | undefined => {
    ws();
    if (i >= n) return "unexpected end of input";
    const c = text[i];
    if (c === "{" || c === "[") {
      stack.push(c);
      i++;
      return undefined;
    }
    if (c === '"') return scanString();
    for (const lit of ["true", "false", "null"]) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return undefined;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m && m[0].length > 0) {
      i += m[0].length;
      return undefined;
    }
    return "unexpected character; expected a value";
  };

  let err = scanValue();
  if (err) return fail(err);
  // After a value (or an opened container), decide what comes next.
  let justOpened = stack.length > 0;
  for (;;) {
    ws();
    const top = stack[stack.length - 1];
    if (top === undefined) {
      return i < n ? fail("unexpected text after the end of the document") : { offset: i, reason: "invalid JSON" };
    }
    if (i >= n) return fail("");
    // A close right after an open (empty container) or after a value ends the container.
    if (text[i] === (top === "{" ? "}" : "]")) {
      stack.pop();
      i++;
      justOpened = false;
      continue;
    }
    if (!justOpened) {
      if (text[i] !== ",") return fail(top === "{" ? "expected ',' or '}' after a property value" : "expected ',' or ']' after an element");
      i++;
      ws();
      if (top === "[" && text[i] === "]") return fail("trailing comma before ']'");
      if (top === "{" && text[i] === "}") return fail("trailing comma before '}'");
    }
    if (top === "{") {
      ws();
      if (text[i] !== '"') return fail("expected a property name in double quotes");
      err = scanString();
      if (err) return fail(err);
      ws();
      if (text[i] !== ":") return fail("expected ':' after a property name");
      i++;
    }
    const depth = stack.length;
    err = scanValue();
    if (err) return fail(err);
    justOpened = stack.length > depth;
  }
}
