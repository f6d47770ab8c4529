/**
Describes a value by its kind only, never its content, for `received` in error messages.

@example
```
describeValue('s3cr3t'); //=> 'a string of 6 characters'
describeValue(null); //=> 'null'
```
*/
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') {
    if (value.length === 0) return 'an empty string';
    return value.length === 1 ? 'a string of 1 character' : `a string of ${value.length} characters`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? 'a number' : String(value);
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
