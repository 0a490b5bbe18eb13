/**
 * Fuzzing helpers: arbitrary JSON, and valid samples mutated the ways a broken or hostile sender would
 * mutate them (types flipped, fields dropped or added, huge strings, odd unicode, deep nesting).
 */
import fc from 'fast-check';

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  // Deeply nested values are mutated as a whole, not walked.
  if (prefix.length >= 8) return out;
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...prefix, i], out));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], out);
  }
  return out;
}

function deeplyNested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

const HUGE = 'é'.repeat(70_000);

/** What replaces a value: anything JSON, a flipped type, a huge or strange string, deep nesting. */
export const replacement: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1e308, -0, '', ' ', [], {}, '0', 'null', 'true'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', '\uD800', '\uFEFF\u202E', '🙂'.repeat(300), '__proto__', 'constructor'),
  fc.constant(HUGE),
  fc.integer({ min: 50, max: 400 }).map((depth) => deeplyNested(depth, 'x')),
);

type Mutation =
  | { kind: 'drop'; pick: number }
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'add'; pick: number; key: string; value: unknown }
  | { kind: 'wrap'; pick: number };

const MutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: replacement }),
  fc.record({
    kind: fc.constant('add' as const),
    pick: fc.nat(),
    key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'type', 'id')),
    value: replacement,
  }),
  fc.record({ kind: fc.constant('wrap' as const), pick: fc.nat() }),
);

function applyMutation(root: unknown, mutation: Mutation): unknown {
  const paths = pathsOf(root);
  const path = paths[mutation.pick % paths.length] ?? [];
  const newValue = (old: unknown): unknown => {
    switch (mutation.kind) {
      case 'replace':
        return mutation.value;
      case 'wrap':
        return [old];
      case 'add':
        if (old && typeof old === 'object' && !Array.isArray(old)) {
          const copy: Record<string, unknown> = { ...old };
          Object.defineProperty(copy, mutation.key, {
            value: mutation.value,
            enumerable: true,
            writable: true,
          });
          return copy;
        }
        return mutation.value;
      case 'drop':
        return undefined;
    }
  };
  if (path.length === 0) return mutation.kind === 'drop' ? {} : newValue(root);
  const parentPath = path.slice(0, -1);
  let parent: unknown = root;
  for (const key of parentPath) parent = (parent as Record<string | number, unknown>)[key];
  const key = path[path.length - 1] as string | number;
  if (Array.isArray(parent) && mutation.kind === 'drop') parent.splice(Number(key), 1);
  else if (parent && typeof parent === 'object') {
    const container = parent as Record<string | number, unknown>;
    const next = newValue(container[key]);
    if (next === undefined) Reflect.deleteProperty(container, key);
    else container[key] = next;
  }
  return root;
}

/** `sample` with one to three mutations applied (a fresh copy each time). */
export function mutated(sample: unknown): fc.Arbitrary<unknown> {
  return fc
    .array(MutationArb, { minLength: 1, maxLength: 3 })
    .map((mutations) =>
      mutations.reduce((value, m) => applyMutation(structuredClone(value), m), structuredClone(sample)),
    );
}

/** Arbitrary JSON, or one of the samples mutated. */
export function fuzzInput(...samples: unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 1 },
    ...samples.map((sample) => ({ arbitrary: mutated(sample), weight: 3 })),
  );
}
