/**
 * go-jsonnet v0.21.0's std functions (Ory's engine) for an editor's hovers and completion: each one's
 * parameters as go-jsonnet names them and a line about what it does, plus what differs in this project's
 * engine, read from the generated tables (`GO_JSONNET_STD`, `ENGINE_STD`) and the prelude's additions.
 * `test/std_docs_test.ts` checks that this table and the generated one list the same names.
 *
 * @module
 */

import { PRELUDE_STD_ADDITIONS, PRELUDE_STD_OVERRIDES } from "../jsonnet/prelude.ts";
import { ENGINE_REFUSED_STD, ENGINE_STD, GO_JSONNET_STD } from "./std_functions.ts";

/** `[parameters, what it does]` per std name. */
export const STD_DOCS: Readonly<Record<string, readonly [string, string]>> = {
  abs: ["n", "The absolute value of a number."],
  acos: ["x", "The arc cosine, in radians."],
  all: ["arr", "Whether every element of an array of booleans is true."],
  any: ["arr", "Whether some element of an array of booleans is true."],
  asciiLower: ["str", "The string with ASCII letters in lower case."],
  asciiUpper: ["str", "The string with ASCII letters in upper case."],
  asin: ["x", "The arc sine, in radians."],
  assertEqual: ["a, b", "True when a equals b, else an error showing both."],
  atan: ["x", "The arc tangent, in radians."],
  atan2: ["y, x", "The angle of the point (x, y), in radians."],
  avg: ["arr", "The mean of an array of numbers (an error when it is empty)."],
  base64: [
    "input",
    "Standard base64 (with padding) of a string's UTF-8 bytes or of an array of bytes.",
  ],
  base64Decode: [
    "str",
    "Decodes base64 into a string (each byte one character).",
  ],
  base64DecodeBytes: ["str", "Decodes base64 into an array of byte values."],
  ceil: ["x", "The smallest integer not below x."],
  char: ["n", "The one-character string of a Unicode code point."],
  clamp: ["x, minVal, maxVal", "x limited to the range [minVal, maxVal]."],
  codepoint: ["str", "The Unicode code point of a one-character string."],
  contains: ["arr, elem", "Whether the array has an element equal to elem."],
  cos: ["x", "The cosine of an angle in radians."],
  count: ["arr, x", "How many elements of the array equal x."],
  decodeUTF8: ["arr", "The string whose UTF-8 encoding is the array of bytes."],
  deepJoin: ["arr", "Concatenates nested arrays of strings into one string."],
  deg2rad: ["x", "Degrees to radians."],
  encodeUTF8: ["str", "The UTF-8 bytes of a string, as an array of numbers."],
  endsWith: ["a, b", "Whether string a ends with b."],
  equals: ["a, b", "Deep equality, as the == operator."],
  equalsIgnoreCase: [
    "str1, str2",
    "Whether two strings are equal ignoring ASCII case.",
  ],
  escapeStringBash: ["str", "The string quoted for a bash command line."],
  escapeStringDollars: [
    "str",
    "The string with $ doubled, for Terraform-style templates.",
  ],
  escapeStringJson: ["str", "The string as a quoted JSON string."],
  escapeStringPython: ["str", "The string as a quoted Python string."],
  escapeStringXML: [
    "str",
    "The string with <, >, &, \" and ' escaped for XML.",
  ],
  exp: ["x", "e to the power x."],
  exponent: [
    "x",
    "The binary exponent of a number (x = mantissa × 2^exponent).",
  ],
  extVar: [
    "x",
    "An external variable; Ory passes only `session` and `claims`, as code (objects).",
  ],
  filter: ["func, arr", "The elements for which func returns true."],
  filterMap: [
    "filter_func, map_func, arr",
    "map_func of each element for which filter_func is true.",
  ],
  find: ["value, arr", "The indexes of the elements equal to value."],
  findSubstr: ["pat, str", "The indexes where pat occurs in str."],
  flatMap: [
    "func, arr",
    "func of each element (arrays or strings), concatenated.",
  ],
  flattenArrays: ["arrs", "Concatenates an array of arrays (one level)."],
  flattenDeepArray: ["value", "Flattens nested arrays at every depth."],
  floor: ["x", "The largest integer not above x."],
  foldl: [
    "func, arr, init",
    "Reduces from the left: func(func(init, arr[0]), arr[1]) …",
  ],
  foldr: [
    "func, arr, init",
    "Reduces from the right: func(arr[0], func(arr[1], … init)).",
  ],
  format: [
    "str, vals",
    "Python-style % formatting; also the % operator on strings.",
  ],
  get: [
    "o, f, default=null, inc_hidden=true",
    "The field f of o, or default when o has no such field.",
  ],
  hypot: ["a, b", "sqrt(a² + b²)."],
  id: ["x", "x itself."],
  isArray: ["v", "Whether v is an array."],
  isBoolean: ["v", "Whether v is a boolean."],
  isDecimal: ["x", "Whether a number has a fractional part."],
  isEmpty: ["str", "Whether a string is empty."],
  isEven: ["x", "Whether an integer is even."],
  isFunction: ["v", "Whether v is a function."],
  isInteger: ["x", "Whether a number is a whole number."],
  isNumber: ["v", "Whether v is a number."],
  isObject: ["v", "Whether v is an object."],
  isOdd: ["x", "Whether an integer is odd."],
  isString: ["v", "Whether v is a string."],
  join: ["sep, arr", "Joins strings (or arrays) with a separator."],
  length: [
    "x",
    "The length of a string, array, object (visible fields) or function (parameters).",
  ],
  lines: ["arr", "Joins strings with a newline after each."],
  log: ["x", "The natural logarithm."],
  log10: ["x", "The base-10 logarithm."],
  log2: ["x", "The base-2 logarithm."],
  lstripChars: [
    "str, chars",
    "The string without leading characters from chars.",
  ],
  makeArray: ["sz, func", "[func(0), …, func(sz - 1)]."],
  manifestIni: ["ini", "An INI file from {main, sections}."],
  manifestJson: ["value", "JSON text with 4-space indentation."],
  manifestJsonEx: [
    "value, indent, newline='\\n', key_val_sep=': '",
    "JSON text with the given indentation.",
  ],
  manifestJsonMinified: ["value", "JSON text without whitespace."],
  manifestPython: ["v", "A Python literal."],
  manifestPythonVars: ["conf", "Python variable assignments from an object."],
  manifestToml: ["toml", "TOML text."],
  manifestTomlEx: ["toml, indent", "TOML text with the given indentation."],
  manifestXmlJsonml: ["value", "XML text from JsonML arrays."],
  manifestYamlDoc: [
    "value, indent_array_in_object=false, quote_keys=true",
    "A YAML document.",
  ],
  manifestYamlStream: [
    "value, indent_array_in_object=false, c_document_end=true, quote_keys=true",
    "A YAML stream.",
  ],
  mantissa: ["x", "The mantissa of a number (x = mantissa × 2^exponent)."],
  map: [
    "func, arr",
    "func of each element of an array (or character of a string).",
  ],
  mapWithIndex: ["func, arr", "func(index, element) of each element."],
  mapWithKey: [
    "func, obj",
    "The object with each field's value replaced by func(key, value).",
  ],
  max: ["a, b", "The larger of two numbers."],
  maxArray: [
    "arr, keyF=id, onEmpty",
    "The largest element by keyF; onEmpty (or an error) for [].",
  ],
  md5: ["s", "The MD5 hex digest of a string."],
  member: ["arr, x", "Whether an array or string contains x."],
  mergePatch: [
    "target, patch",
    "RFC 7396 JSON Merge Patch; null fields in patch remove fields.",
  ],
  min: ["a, b", "The smaller of two numbers."],
  minArray: [
    "arr, keyF=id, onEmpty",
    "The smallest element by keyF; onEmpty (or an error) for [].",
  ],
  mod: ["a, b", "a % b: the remainder for numbers, formatting for strings."],
  modulo: ["x, y", "The remainder of x / y, with the sign of x."],
  native: [
    "name",
    "A native function the host registered; Ory registers none.",
  ],
  objectFields: ["o", "The visible field names, sorted."],
  objectFieldsAll: ["o", "All field names including hidden ones, sorted."],
  objectFieldsEx: [
    "obj, hidden",
    "The field names; hidden ones too when hidden is true.",
  ],
  objectHas: ["o, f", "Whether o has a visible field f."],
  objectHasAll: ["o, f", "Whether o has a field f, hidden or not."],
  objectHasEx: [
    "obj, fname, hidden",
    "Whether obj has field fname; hidden ones count when hidden is true.",
  ],
  objectKeysValues: ["o", "[{key, value}] for the visible fields."],
  objectKeysValuesAll: ["o", "[{key, value}] for all fields."],
  objectRemoveKey: ["obj, key", "The object without one field."],
  objectValues: ["o", "The visible fields' values, by sorted name."],
  objectValuesAll: ["o", "All fields' values, by sorted name."],
  parseHex: ["str", "A hexadecimal string's value."],
  parseInt: ["str", "A decimal integer string's value."],
  parseJson: ["str", "The value of JSON text."],
  parseOctal: ["str", "An octal string's value."],
  parseYaml: ["str", "The value of YAML text (a stream gives an array)."],
  pi: ["", "π, as a constant (not a function)."],
  pow: ["x, n", "x to the power n."],
  primitiveEquals: [
    "a, b",
    "Equality of two primitive values (no arrays, objects or functions).",
  ],
  prune: [
    "a",
    "The value without nulls, empty arrays and empty objects, recursively.",
  ],
  rad2deg: ["x", "Radians to degrees."],
  range: ["from, to", "[from, …, to], inclusive."],
  remove: ["arr, elem", "The array without the first element equal to elem."],
  removeAt: ["arr, idx", "The array without the element at idx."],
  repeat: ["what, count", "A string or array repeated count times."],
  resolvePath: ["f, r", "r resolved against the folder of path f."],
  reverse: ["arr", "The array in reverse order."],
  round: ["x", "x rounded to the nearest integer, halves away from zero."],
  rstripChars: [
    "str, chars",
    "The string without trailing characters from chars.",
  ],
  set: ["arr, keyF=id", "The array sorted with duplicates removed."],
  setDiff: ["a, b, keyF=id", "Elements of set a not in set b."],
  setInter: ["a, b, keyF=id", "Elements in both sets."],
  setMember: ["x, arr, keyF=id", "Whether x is in the sorted set arr."],
  setUnion: ["a, b, keyF=id", "Elements in either set."],
  sha1: ["s", "The SHA-1 hex digest of a string."],
  sha256: ["s", "The SHA-256 hex digest of a string."],
  sha3: ["s", "The SHA3-512 hex digest of a string."],
  sha512: ["s", "The SHA-512 hex digest of a string."],
  sign: ["n", "-1, 0 or 1."],
  sin: ["x", "The sine of an angle in radians."],
  slice: [
    "indexable, index, end, step",
    "Part of a string or array, as indexable[index:end:step].",
  ],
  sort: ["arr, keyF=id", "The array sorted by keyF."],
  split: ["str, c", "The string split at each occurrence of c."],
  splitLimit: [
    "str, c, maxsplits",
    "split, at most maxsplits times from the left.",
  ],
  splitLimitR: [
    "str, c, maxsplits",
    "split, at most maxsplits times from the right.",
  ],
  sqrt: ["x", "The square root."],
  startsWith: ["a, b", "Whether string a starts with b."],
  strReplace: ["str, from, to", "The string with every from replaced by to."],
  stringChars: ["str", "The string's characters as an array."],
  stripChars: [
    "str, chars",
    "The string without leading and trailing characters from chars.",
  ],
  substr: ["str, from, len", "len characters of str starting at from."],
  sum: ["arr", "The sum of an array of numbers."],
  tan: ["x", "The tangent of an angle in radians."],
  thisFile: ["", "The current file's name, as a field (not a function)."],
  toString: [
    "a",
    "A value as a string: strings unchanged, everything else as JSON.",
  ] as const, // `as const`: a plain tuple here would be typed by Object.prototype.toString's slot
  trace: ["str, rest", "Prints str on the engine's stderr and returns rest."],
  trim: ["str", "The string without leading and trailing whitespace."],
  type: [
    "x",
    '"array", "boolean", "function", "null", "number", "object" or "string".',
  ],
  uniq: ["arr, keyF=id", "The array without consecutive duplicates."],
  xnor: ["x, y", "Whether two booleans are equal."],
  xor: ["x, y", "Whether exactly one of two booleans is true."],
};

/** What differs in this project's engine, where something does. */
const ENGINE_NOTES: Readonly<Record<string, string>> = {
  toString: "Numbers differ: go-jsonnet (Ory) writes 0.1 as `0.10000000000000001`, this engine as `0.1`.",
  thisFile:
    "In Ory it is the claims_mapper_url (for base64:// the whole encoded mapper); ory-tokenizer gives the same value.",
  native: "Ory registers no native functions, so every `std.native` call fails there.",
  extVar: "Only `session` and `claims` exist in Ory; any other name fails at run time.",
  trace: "Ory discards the engine's stderr: the message is never seen.",
};

/** A std member as an editor shows it. */
export interface StdDoc {
  name: string;
  /** `std.name(params)`, or `std.name` for a value such as `std.pi`. */
  signature: string;
  /** Whether it is a value rather than a function. */
  constant: boolean;
  documentation: string;
  /** What differs between Ory's engine and this one, when something does. */
  difference?: string;
}

/**
 * What an editor shows for `std.<name>`.
 *
 * @returns undefined when neither go-jsonnet v0.21.0 nor this engine has the name.
 */
export function stdDoc(name: string): StdDoc | undefined {
  const entry = Object.hasOwn(STD_DOCS, name) ? STD_DOCS[name] : undefined;
  if (entry === undefined) {
    if (!ENGINE_STD.includes(name) || name.startsWith("__")) return undefined;
    return {
      name,
      signature: `std.${name}`,
      constant: false,
      documentation: "Not in go-jsonnet v0.21.0.",
      difference: "Only this engine has it: Ory's engine fails with a field-not-found error.",
    };
  }
  const [parameters, documentation] = entry;
  const constant = name === "pi" || name === "thisFile";
  const bridged = PRELUDE_STD_ADDITIONS.includes(name)
    ? "This engine lacks it; ory-tokenizer adds go-jsonnet's definition, so it behaves as in Ory."
    : PRELUDE_STD_OVERRIDES.includes(name)
    ? "This engine's own differs from go-jsonnet's; ory-tokenizer uses go-jsonnet's definition, so it behaves as in Ory."
    : !ENGINE_STD.includes(name) || ENGINE_REFUSED_STD.includes(name)
    ? "This engine lacks it: the mapper runs in Ory but cannot be checked or tokenized here."
    : undefined;
  const difference = (Object.hasOwn(ENGINE_NOTES, name) ? ENGINE_NOTES[name] : undefined) ?? bridged;
  return {
    name,
    signature: constant ? `std.${name}` : `std.${name}(${parameters})`,
    constant,
    documentation,
    ...(difference === undefined ? {} : { difference }),
  };
}

/** The names go-jsonnet v0.21.0 has, for completion after `std.` (what runs only here is left out). */
export function stdNames(): string[] {
  return [...GO_JSONNET_STD.keys()];
}
