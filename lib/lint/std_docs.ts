/**
 * go-jsonnet v0.21.0's std functions (Ory's engine) for an editor's hovers and completion: each one's
 * signature from the generated table (`GO_JSONNET_STD_PARAMETERS`, read from go-jsonnet's own sources), a
 * line about what it does, and what differs in this project's engine, from the generated tables
 * (`GO_JSONNET_STD`, `ENGINE_STD`) and the prelude's additions.
 * `test/std_docs_test.ts` checks that this table and the generated one list the same names.
 *
 * @module
 */

import { PRELUDE_STD_ADDITIONS, PRELUDE_STD_OVERRIDES } from "../jsonnet/prelude.ts";
import { ENGINE_REFUSED_STD, ENGINE_STD, GO_JSONNET_STD, GO_JSONNET_STD_PARAMETERS } from "./std_functions.ts";

/**
 * What each go-jsonnet std name does, in a line of our own (go-jsonnet's sources carry no documentation);
 * the parameters come from the generated table.
 */
export const STD_DOCS: Readonly<Record<string, string>> = {
  abs: "The absolute value of a number.",
  acos: "The arc cosine, in radians.",
  all: "Whether every element of an array of booleans is true.",
  any: "Whether some element of an array of booleans is true.",
  asciiLower: "The string with ASCII letters in lower case.",
  asciiUpper: "The string with ASCII letters in upper case.",
  asin: "The arc sine, in radians.",
  assertEqual: "True when a equals b, else an error showing both.",
  atan: "The arc tangent, in radians.",
  atan2: "The angle of the point (x, y), in radians.",
  avg: "The mean of an array of numbers (an error when it is empty).",
  base64: "Standard base64 (with padding) of a string's UTF-8 bytes or of an array of bytes.",
  base64Decode: "Decodes base64 into a string (each byte one character).",
  base64DecodeBytes: "Decodes base64 into an array of byte values.",
  ceil: "The smallest integer not below x.",
  char: "The one-character string of a Unicode code point.",
  clamp: "x limited to the range [minVal, maxVal].",
  codepoint: "The Unicode code point of a one-character string.",
  contains: "Whether the array has an element equal to elem.",
  cos: "The cosine of an angle in radians.",
  count: "How many elements of the array equal x.",
  decodeUTF8: "The string whose UTF-8 encoding is the array of bytes.",
  deepJoin: "Concatenates nested arrays of strings into one string.",
  deg2rad: "Degrees to radians.",
  encodeUTF8: "The UTF-8 bytes of a string, as an array of numbers.",
  endsWith: "Whether string a ends with b.",
  equals: "Deep equality, as the == operator.",
  equalsIgnoreCase: "Whether two strings are equal ignoring ASCII case.",
  escapeStringBash: "The string quoted for a bash command line.",
  escapeStringDollars: "The string with $ doubled, for Terraform-style templates.",
  escapeStringJson: "The string as a quoted JSON string.",
  escapeStringPython: "The string as a quoted Python string.",
  escapeStringXML: "The string with <, >, &, \" and ' escaped for XML.",
  exp: "e to the power x.",
  exponent: "The binary exponent of a number (x = mantissa × 2^exponent).",
  extVar: "An external variable; Ory passes only `session` and `claims`, as code (objects).",
  filter: "The elements for which func returns true.",
  filterMap: "map_func of each element for which filter_func is true.",
  find: "The indexes of the elements equal to value.",
  findSubstr: "The indexes where pat occurs in str.",
  flatMap: "func of each element (arrays or strings), concatenated.",
  flattenArrays: "Concatenates an array of arrays (one level).",
  flattenDeepArray: "Flattens nested arrays at every depth.",
  floor: "The largest integer not above x.",
  foldl: "Reduces from the left: func(func(init, arr[0]), arr[1]) …",
  foldr: "Reduces from the right: func(arr[0], func(arr[1], … init)).",
  format: "Python-style % formatting; also the % operator on strings.",
  get: "The field f of o, or default when o has no such field.",
  hypot: "sqrt(a² + b²).",
  id: "x itself.",
  isArray: "Whether v is an array.",
  isBoolean: "Whether v is a boolean.",
  isDecimal: "Whether a number has a fractional part.",
  isEmpty: "Whether a string is empty.",
  isEven: "Whether an integer is even.",
  isFunction: "Whether v is a function.",
  isInteger: "Whether a number is a whole number.",
  isNumber: "Whether v is a number.",
  isObject: "Whether v is an object.",
  isOdd: "Whether an integer is odd.",
  isString: "Whether v is a string.",
  join: "Joins strings (or arrays) with a separator.",
  length: "The length of a string, array, object (visible fields) or function (parameters).",
  lines: "Joins strings with a newline after each.",
  log: "The natural logarithm.",
  log10: "The base-10 logarithm.",
  log2: "The base-2 logarithm.",
  lstripChars: "The string without leading characters from chars.",
  makeArray: "[func(0), …, func(sz - 1)].",
  manifestIni: "An INI file from {main, sections}.",
  manifestJson: "JSON text with 4-space indentation.",
  manifestJsonEx: "JSON text with the given indentation.",
  manifestJsonMinified: "JSON text without whitespace.",
  manifestPython: "A Python literal.",
  manifestPythonVars: "Python variable assignments from an object.",
  manifestToml: "TOML text.",
  manifestTomlEx: "TOML text with the given indentation.",
  manifestXmlJsonml: "XML text from JsonML arrays.",
  manifestYamlDoc: "A YAML document.",
  manifestYamlStream: "A YAML stream.",
  mantissa: "The mantissa of a number (x = mantissa × 2^exponent).",
  map: "func of each element of an array (or character of a string).",
  mapWithIndex: "func(index, element) of each element.",
  mapWithKey: "The object with each field's value replaced by func(key, value).",
  max: "The larger of two numbers.",
  maxArray: "The largest element by keyF; onEmpty (or an error) for [].",
  md5: "The MD5 hex digest of a string.",
  member: "Whether an array or string contains x.",
  mergePatch: "RFC 7396 JSON Merge Patch; null fields in patch remove fields.",
  min: "The smaller of two numbers.",
  minArray: "The smallest element by keyF; onEmpty (or an error) for [].",
  mod: "a % b: the remainder for numbers, formatting for strings.",
  modulo: "The remainder of x / y, with the sign of x.",
  native: "A native function the host registered; Ory registers none.",
  objectFields: "The visible field names, sorted.",
  objectFieldsAll: "All field names including hidden ones, sorted.",
  objectFieldsEx: "The field names; hidden ones too when hidden is true.",
  objectHas: "Whether o has a visible field f.",
  objectHasAll: "Whether o has a field f, hidden or not.",
  objectHasEx: "Whether obj has field fname; hidden ones count when hidden is true.",
  objectKeysValues: "[{key, value}] for the visible fields.",
  objectKeysValuesAll: "[{key, value}] for all fields.",
  objectRemoveKey: "The object without one field.",
  objectValues: "The visible fields' values, by sorted name.",
  objectValuesAll: "All fields' values, by sorted name.",
  parseHex: "A hexadecimal string's value.",
  parseInt: "A decimal integer string's value.",
  parseJson: "The value of JSON text.",
  parseOctal: "An octal string's value.",
  parseYaml: "The value of YAML text (a stream gives an array).",
  pi: "π, as a constant (not a function).",
  pow: "x to the power n.",
  primitiveEquals: "Equality of two primitive values (no arrays, objects or functions).",
  prune: "The value without nulls, empty arrays and empty objects, recursively.",
  rad2deg: "Radians to degrees.",
  range: "[from, …, to], inclusive.",
  remove: "The array without the first element equal to elem.",
  removeAt: "The array without the element at idx.",
  repeat: "A string or array repeated count times.",
  resolvePath: "r resolved against the folder of path f.",
  reverse: "The array in reverse order.",
  round: "x rounded to the nearest integer, halves away from zero.",
  rstripChars: "The string without trailing characters from chars.",
  set: "The array sorted with duplicates removed.",
  setDiff: "Elements of set a not in set b.",
  setInter: "Elements in both sets.",
  setMember: "Whether x is in the sorted set arr.",
  setUnion: "Elements in either set.",
  sha1: "The SHA-1 hex digest of a string.",
  sha256: "The SHA-256 hex digest of a string.",
  sha3: "The SHA3-512 hex digest of a string.",
  sha512: "The SHA-512 hex digest of a string.",
  sign: "-1, 0 or 1.",
  sin: "The sine of an angle in radians.",
  slice: "Part of a string or array, as indexable[index:end:step].",
  sort: "The array sorted by keyF.",
  split: "The string split at each occurrence of c.",
  splitLimit: "split, at most maxsplits times from the left.",
  splitLimitR: "split, at most maxsplits times from the right.",
  sqrt: "The square root.",
  startsWith: "Whether string a starts with b.",
  strReplace: "The string with every from replaced by to.",
  stringChars: "The string's characters as an array.",
  stripChars: "The string without leading and trailing characters from chars.",
  substr: "len characters of str starting at from.",
  sum: "The sum of an array of numbers.",
  tan: "The tangent of an angle in radians.",
  thisFile: "The current file's name, as a field (not a function).",
  toString: "A value as a string: strings unchanged, everything else as JSON.",
  trace: "Prints str on the engine's stderr and returns rest.",
  trim: "The string without leading and trailing whitespace.",
  type: '"array", "boolean", "function", "null", "number", "object" or "string".',
  uniq: "The array without consecutive duplicates.",
  xnor: "Whether two booleans are equal.",
  xor: "Whether exactly one of two booleans is true.",
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
  const documentation = entry;
  const parameters = GO_JSONNET_STD_PARAMETERS.get(name);
  const constant = parameters === undefined;
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
    signature: parameters === undefined ? `std.${name}` : `std.${name}(${parameters.join(", ")})`,
    constant,
    documentation,
    ...(difference === undefined ? {} : { difference }),
  };
}

/** The names go-jsonnet v0.21.0 has, for completion after `std.` (what runs only here is left out). */
export function stdNames(): string[] {
  return [...GO_JSONNET_STD.keys()];
}
