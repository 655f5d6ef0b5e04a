/**
 * Rewrites the Jsonnet engine's WebAssembly so a running evaluation can be stopped at a deadline in
 * every runtime (see lib/jsonnet/deadline.ts for why and for the contract with the engine).
 *
 * Functions get this prologue, where `$fuel` is a new mutable i32 global (exported as
 * `ory_tokenizer_fuel`) and `$tick` is the existing `__wbindgen_object_drop_ref` import:
 *
 *     global.get $fuel  i32.eqz
 *     if  i32.const -1  call $tick  i32.const <fuel>  global.set $fuel
 *     else  global.get $fuel  i32.const 1  i32.sub  global.set $fuel
 *     end
 *
 * Every turn of a recursion passes a check: the functions that every cycle of the call graph goes
 * through (the targets of a depth-first search's back edges; indirect calls count as calls to every
 * function in the table) get it at their entry. That is the interpreter's recursion, which any
 * long-running Jsonnet keeps going through; checking only these 480-odd functions instead of all
 * 2,971 on a cycle runs 6,800 checks per evaluation of the guide's mapper instead of 27,600. Every
 * `loop` gets it at the start of each iteration too (about 30,000 checks on that mapper): the std
 * functions' own loops (std.findSubstr, std.sort, std.md5, std.format, std.repeat's copy) call
 * nothing recursive, and in Deno, which cannot terminate a busy worker, only the engine stops them.
 * What is left unchecked is straight-line code between checks: each such run is short.
 *
 * The rewrite decodes instructions only to find calls; nothing is renumbered (the global and the
 * export are appended, no import or function is added), and any instruction it does not know, or any
 * use of WebAssembly exception handling (which could catch the deadline's throw), fails the build.
 */
import {
  DEADLINE_FUEL,
  DEADLINE_FUEL_EXPORT,
  DEADLINE_TICK_ARGUMENT,
  DEADLINE_TICK_IMPORT,
} from "../lib/jsonnet/deadline.ts";

const SECTION = { type: 1, import: 2, global: 6, export: 7, element: 9, code: 10, tag: 13 } as const;

interface Section {
  id: number;
  body: Uint8Array;
}

class Reader {
  offset = 0;
  readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
  byte(): number {
    if (this.offset >= this.bytes.length) throw new Error("Cannot instrument the engine: unexpected end of binary");
    return this.bytes[this.offset++]!;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.byte();
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
    }
  }
  take(length: number): Uint8Array {
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }
  name(): string {
    return new TextDecoder().decode(this.take(this.u32()));
  }
}

function u32(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function s32(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function concat(parts: (Uint8Array | number[])[]): Uint8Array {
  const length = parts.reduce((total, part) => total + part.length, 0);
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function parseSections(bytes: Uint8Array): Section[] {
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  if (!header.every((byte, index) => bytes[index] === byte)) {
    throw new Error("Cannot instrument the engine: not a WebAssembly 1.0 binary");
  }
  const reader = new Reader(bytes);
  reader.offset = header.length;
  const sections: Section[] = [];
  while (reader.offset < bytes.length) {
    const id = reader.byte();
    sections.push({ id, body: reader.take(reader.u32()) });
  }
  return sections;
}

function limits(reader: Reader): void {
  const flags = reader.byte();
  reader.u32();
  if (flags & 1) reader.u32();
}

/** The type index of every function type, as `params -> results` value-type lists. */
function functionTypes(body: Uint8Array): { params: number[]; results: number[] }[] {
  const reader = new Reader(body);
  const types = [];
  for (let count = reader.u32(); count > 0; count--) {
    if (reader.byte() !== 0x60) throw new Error("Cannot instrument the engine: unknown type form");
    const params = [...reader.take(reader.u32())];
    const results = [...reader.take(reader.u32())];
    types.push({ params, results });
  }
  return types;
}

/** The tick import's function index, and how many globals are imported. */
function scanImports(body: Uint8Array, types: ReturnType<typeof functionTypes>) {
  const reader = new Reader(body);
  let functions = 0;
  let globals = 0;
  let tick: number | undefined;
  for (let count = reader.u32(); count > 0; count--) {
    reader.name();
    const field = reader.name();
    const kind = reader.byte();
    if (kind === 0) {
      const type = types[reader.u32()];
      if (field === DEADLINE_TICK_IMPORT) {
        if (type?.params.join() !== "127" || type.results.length !== 0) {
          throw new Error(`Cannot instrument the engine: ${DEADLINE_TICK_IMPORT} is not (i32) -> ()`);
        }
        tick = functions;
      }
      functions++;
    } else if (kind === 1) {
      reader.byte();
      limits(reader);
    } else if (kind === 2) {
      limits(reader);
    } else if (kind === 3) {
      reader.take(2);
      globals++;
    } else {
      throw new Error(`Cannot instrument the engine: unknown import kind ${kind}`);
    }
  }
  if (tick === undefined) throw new Error(`Cannot instrument the engine: no ${DEADLINE_TICK_IMPORT} import`);
  return { tick, importedGlobals: globals, importedFunctions: functions };
}

/** Appends entries to a vector section: a new count, the old entries, the new ones. */
function appendToVector(body: Uint8Array, entries: number[][]): Uint8Array {
  const reader = new Reader(body);
  const count = reader.u32();
  return concat([u32(count + entries.length), body.subarray(reader.offset), ...entries]);
}

/** Where a body's instructions start, which functions it calls, and whether it calls through a table. */
function scanBody(body: Uint8Array, start: number, end: number) {
  const reader = new Reader(body);
  reader.offset = start;
  for (let groups = reader.u32(); groups > 0; groups--) {
    reader.u32();
    reader.byte();
  }
  const code = reader.offset;
  let indirect = false;
  const callees: number[] = [];
  /** Offsets just after each `loop` header: where an iteration starts. */
  const loops: number[] = [];
  const skipLeb = () => {
    while (reader.byte() & 0x80);
  };
  while (reader.offset < end) {
    const op = reader.byte();
    if (op === 0x02 || op === 0x03 || op === 0x04) {
      const type = body[reader.offset]!;
      if (type === 0x40 || (type >= 0x6f && type <= 0x7f)) reader.offset++;
      else skipLeb();
      if (op === 0x03) loops.push(reader.offset);
    } else if (op === 0x0c || op === 0x0d || (op >= 0x20 && op <= 0x26) || op === 0xd2) reader.u32();
    else if (op === 0x0e) {
      for (let targets = reader.u32(); targets > 0; targets--) reader.u32();
      reader.u32();
    } else if (op === 0x10) {
      callees.push(reader.u32());
    } else if (op === 0x11) {
      reader.u32();
      reader.u32();
      indirect = true;
    } else if (op === 0x1c) reader.take(reader.u32());
    else if (op >= 0x28 && op <= 0x3e) {
      reader.u32();
      reader.u32();
    } else if (op === 0x3f || op === 0x40 || op === 0xd0) reader.offset++;
    else if (op === 0x41 || op === 0x42) skipLeb();
    else if (op === 0x43) reader.offset += 4;
    else if (op === 0x44) reader.offset += 8;
    else if (op === 0xfc) {
      const sub = reader.u32();
      if (sub === 8) {
        reader.u32();
        reader.offset++;
      } else if (sub === 9 || sub === 13 || (sub >= 15 && sub <= 17)) reader.u32();
      else if (sub === 10) reader.offset += 2;
      else if (sub === 11) reader.offset++;
      else if (sub === 12 || sub === 14) {
        reader.u32();
        reader.u32();
      } else if (sub > 7) throw new Error(`Cannot instrument the engine: unknown instruction 0xfc ${sub}`);
    } else if (
      !(op <= 0x01 || op === 0x05 || op === 0x0b || op === 0x0f || op === 0x1a || op === 0x1b ||
        (op >= 0x45 && op <= 0xc4) || op === 0xd1)
    ) {
      throw new Error(`Cannot instrument the engine: unknown instruction 0x${op.toString(16)}`);
    }
  }
  if (reader.offset !== end) {
    throw new Error("Cannot instrument the engine: a function body does not end where it should");
  }
  return { code, indirect, callees, loops };
}

/** Functions an indirect call may reach: every function placed in a table. */
function tableFunctions(body: Uint8Array | undefined): Set<number> {
  const found = new Set<number>();
  if (body === undefined) return found;
  const reader = new Reader(body);
  for (let count = reader.u32(); count > 0; count--) {
    const flags = reader.u32();
    if (flags > 3) throw new Error(`Cannot instrument the engine: element segment form ${flags}`);
    if (flags === 2) reader.u32();
    if (flags === 0 || flags === 2) {
      while (reader.byte() !== 0x0b);
    }
    if (flags !== 0) reader.byte();
    for (let n = reader.u32(); n > 0; n--) found.add(reader.u32());
  }
  return found;
}

/**
 * Functions that every cycle of the call graph goes through at least once: the targets of the back
 * edges of a depth-first search (on any cycle, the first function the search reaches is entered again
 * from a function below it, which is a back edge). Fewer than all the functions on cycles, so fewer
 * checks on the interpreter's hot paths, and still one per turn of any recursion.
 */
export function backEdgeTargets(edges: number[][]): Set<number> {
  const WHITE = 0, ON_PATH = 1, DONE = 2;
  const state = new Uint8Array(edges.length);
  const result = new Set<number>();
  for (let root = 0; root < edges.length; root++) {
    if (state[root] !== WHITE) continue;
    const work: [number, number][] = [[root, 0]];
    state[root] = ON_PATH;
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [node, edge] = frame;
      const targets = edges[node]!;
      if (edge < targets.length) {
        frame[1]++;
        const target = targets[edge]!;
        if (state[target] === WHITE) {
          state[target] = ON_PATH;
          work.push([target, 0]);
        } else if (state[target] === ON_PATH) result.add(target);
        continue;
      }
      state[node] = DONE;
      work.pop();
    }
  }
  return result;
}

function instrumentCode(
  body: Uint8Array,
  check: number[],
  importedFunctions: number,
  indirectTargets: Set<number>,
  loopChecks: boolean,
): Uint8Array {
  const reader = new Reader(body);
  const count = reader.u32();
  const bodies = [];
  for (let index = 0; index < count; index++) {
    const size = reader.u32();
    const start = reader.offset;
    reader.offset = start + size;
    bodies.push({ start, end: start + size, ...scanBody(body, start, start + size) });
  }
  // Graph over defined functions only; imports cannot call back into a cycle we could check.
  const defined = (index: number) => index - importedFunctions;
  const tableDefined = [...indirectTargets].map(defined).filter((index) => index >= 0);
  const edges = bodies.map((scan) => [
    ...scan.callees.map(defined).filter((index) => index >= 0),
    ...(scan.indirect ? tableDefined : []),
  ]);
  const checkedEntries = backEdgeTargets(edges);
  const parts: (Uint8Array | number[])[] = [u32(count)];
  bodies.forEach((scan, index) => {
    // Checks at the entry of the functions every cycle goes through, and at the start of every loop
    // iteration (loops inside std functions, such as std.findSubstr or std.sort, call nothing recursive). Inserting
    // code changes no branch target: WebAssembly branches by block depth, not by offset, and the
    // check is a complete `if … end` that leaves the stack as it found it.
    const at = [...(checkedEntries.has(index) ? [scan.code] : []), ...(loopChecks ? scan.loops : [])];
    const pieces: (Uint8Array | number[])[] = [];
    let from = scan.start;
    for (const offset of at) {
      pieces.push(body.subarray(from, offset), check);
      from = offset;
    }
    pieces.push(body.subarray(from, scan.end));
    parts.push(u32(scan.end - scan.start + check.length * at.length), ...pieces);
  });
  return concat(parts);
}

/**
 * Adds deadline checks to the engine binary.
 *
 * @param wasm the stock `jsonnet_wasm_bg.wasm`.
 * @param options `loops: false` leaves loops unchecked (recursion only), for measuring what loop checks cost.
 * @returns the instrumented binary (same imports, plus the `ory_tokenizer_fuel` export).
 * @throws {Error} when the binary's shape is not what the rewrite expects (a package update).
 */
export function instrumentJsonnetWasm(wasm: Uint8Array, options: { loops?: boolean } = {}): Uint8Array {
  const sections = parseSections(wasm);
  const find = (id: number) => {
    const section = sections.find((candidate) => candidate.id === id);
    if (section === undefined) throw new Error(`Cannot instrument the engine: no section ${id}`);
    return section;
  };
  // A module with exception handling could catch the deadline's throw and carry on.
  if (sections.some((section) => section.id === SECTION.tag)) {
    throw new Error("Cannot instrument the engine: it uses WebAssembly exception handling");
  }
  const types = functionTypes(find(SECTION.type).body);
  const { tick, importedGlobals, importedFunctions } = scanImports(find(SECTION.import).body, types);
  const globals = find(SECTION.global);
  const fuel = importedGlobals + new Reader(globals.body).u32();
  const I32 = 0x7f;
  const refill = [0x41, ...s32(DEADLINE_FUEL), 0x0b];
  globals.body = appendToVector(globals.body, [[I32, 0x01, ...refill]]);
  const exportName = [...new TextEncoder().encode(DEADLINE_FUEL_EXPORT)];
  const exports = find(SECTION.export);
  exports.body = appendToVector(exports.body, [[...u32(exportName.length), ...exportName, 0x03, ...u32(fuel)]]);
  const prologue = [
    ...[0x23, ...u32(fuel), 0x45, 0x04, 0x40],
    ...[0x41, ...s32(DEADLINE_TICK_ARGUMENT), 0x10, ...u32(tick), 0x41, ...s32(DEADLINE_FUEL), 0x24, ...u32(fuel)],
    ...[0x05, 0x23, ...u32(fuel), 0x41, 0x01, 0x6b, 0x24, ...u32(fuel), 0x0b],
  ];
  const code = find(SECTION.code);
  const elements = sections.find((section) => section.id === SECTION.element)?.body;
  code.body = instrumentCode(code.body, prologue, importedFunctions, tableFunctions(elements), options.loops ?? true);
  return concat([
    wasm.subarray(0, 8),
    ...sections.flatMap((section) => [[section.id, ...u32(section.body.length)], section.body]),
  ]);
}
