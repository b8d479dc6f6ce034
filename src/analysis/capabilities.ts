/**
 * Where a server or client declares its capabilities: an object literal written inline
 * (`{ capabilities: { logging: {} } }`), or held by a variable of the same file that the options
 * name (`capabilities: caps`, `{ capabilities }`), or a variable typed `ServerCapabilities` /
 * `ClientCapabilities` (often built once and handed to several servers, or to another file).
 */
import type { ts as TS } from 'ts-morph';
import { ts } from './typescript.js';
import { propertyNameText, resolveInitializer, typeNameText, unwrap } from './ast.js';

/** An object literal written inline, or the initializer of the same-file variable a value names. */
export function objectLiteralOf(value: TS.Node | undefined): TS.ObjectLiteralExpression | undefined {
  if (!value) return undefined;
  const v = unwrap(value);
  const init = ts.isIdentifier(v) ? resolveInitializer(v) : v;
  const object = init && unwrap(init);
  return object && ts.isObjectLiteralExpression(object) ? object : undefined;
}

/** The value of a `capabilities` member of an object literal: `capabilities: x`, or the name of the shorthand `{ capabilities }`. */
export function capabilitiesMember(prop: TS.ObjectLiteralElementLike): TS.Node | undefined {
  if (ts.isShorthandPropertyAssignment(prop)) return prop.name.text === 'capabilities' ? prop.name : undefined;
  return ts.isPropertyAssignment(prop) && propertyNameText(prop.name) === 'capabilities' ? prop.initializer : undefined;
}

/**
 * The side a variable's declared type names (`const caps: ServerCapabilities = {...}`, or
 * `= {...} satisfies ClientCapabilities`), with its object literal.
 */
export function typedCapabilities(decl: TS.VariableDeclaration): { side: 'server' | 'client'; object: TS.ObjectLiteralExpression } | undefined {
  if (!decl.initializer) return undefined;
  const side = capabilitiesSide(decl);
  const object = side && objectLiteralOf(decl.initializer);
  return side && object ? { side, object } : undefined;
}

/** Whose capabilities a variable holds by its type: `caps: ServerCapabilities`, or `{...} satisfies ClientCapabilities` / `as ...`. */
export function capabilitiesSide(decl: TS.VariableDeclaration): 'server' | 'client' | undefined {
  let type = typeNameText(decl.type);
  if (type === undefined && decl.initializer && (ts.isSatisfiesExpression(decl.initializer) || ts.isAsExpression(decl.initializer))) type = typeNameText(decl.initializer.type);
  return type === 'ServerCapabilities' ? 'server' : type === 'ClientCapabilities' ? 'client' : undefined;
}
