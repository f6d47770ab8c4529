// Symbol.for, not Symbol(): two installed copies of this package share the registry, so an
// error thrown by one copy still passes the other copy's guards (vercel/ai does the same).
const markerPrefix = 'bridgekit.error';

function markerFor(kind: string): symbol {
  return kind === 'BridgekitError' ? Symbol.for(markerPrefix) : Symbol.for(`${markerPrefix}.${kind}`);
}

/**
@internal Tags a class's prototype with its cross-copy marker and its `name`, so that guards work
across package copies and no subclass has to repeat its own name.
*/
export function markErrorClass(errorClass: { readonly kind: string; readonly prototype: object }): void {
  Object.defineProperty(errorClass.prototype, markerFor(errorClass.kind), { value: true });
  Object.defineProperty(errorClass.prototype, 'name', {
    value: errorClass.kind,
    writable: true,
    configurable: true,
  });
}

/** @internal Whether `value` carries the marker of the class named `kind` (or of a subclass). */
export function hasErrorMarker(value: unknown, kind: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[markerFor(kind)] === true
  );
}
