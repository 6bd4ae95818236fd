/**
 * Keeping the core's optimised code across garbage collections.
 *
 * V8 holds the shape (the "map") of a class's instances, and of an object that gains a property
 * after it was made, only through the objects that have it: a full collection that runs while no
 * instance is alive drops those shapes, and with them the code optimised for them (`--trace-deopt`
 * says "weak objects"). The next analysis or PLAN read then runs unoptimised until V8 has optimised
 * it again: a PLAN of 1,000 achievements took about twice as long right after a full collection as
 * in a warm loop. A long-running app collects between events, so each event would run cold. Each
 * class the core makes per call keeps one idle instance here for the life of the process, and
 * tree nodes are made with every property they will have.
 */
const held: object[] = [];

/** Holds `instance` for the life of the process (so its shape stays); returns it. */
export function holdShape<T extends object>(instance: T): T {
  held.push(instance);
  return instance;
}
