/** The few assertions the web suite needs (Node's `assert` is not in the browser). Each throws with the message. */
export function ok(value: unknown, message = 'expected a truthy value'): asserts value {
  if (!value) throw new Error(message);
}
export function strictEqual<T>(actual: T, expected: T, message?: string): void {
  if (actual !== expected) throw new Error(`${message ? message + ': ' : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
export function match(text: string, re: RegExp, message?: string): void {
  if (!re.test(text)) throw new Error(`${message ? message + ': ' : ''}${JSON.stringify(text.slice(0, 400))} does not match ${re}`);
}
