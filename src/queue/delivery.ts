/**
 * A webhook delivery as the queue holds it: what Probot's `receive` needs, plus the keys the
 * schedulers use. Built once by the HTTP handler after the signature is verified, so a worker
 * never parses or checks anything again.
 */

/** One delivery waiting for, or under, a worker. */
export interface Delivery {
  /** `X-GitHub-Delivery`: the same id comes back when a maintainer redelivers. */
  id: string;
  /** `X-GitHub-Event`, e.g. `push`. */
  name: string;
  /** The parsed JSON body. */
  payload: unknown;
  /** When the HTTP handler accepted it (ms since the epoch), for the oldest-job age. */
  receivedAt: number;
}

/** The keys a delivery is scheduled by. */
export interface DeliveryKeys {
  /** `event` or `event.action`: the job kind in logs and metrics. */
  kind: string;
  /** The installation whose token the work spends (undefined: the app's own events). */
  installation: number | undefined;
  /**
   * Deliveries with the same key run one after the other in arrival order; undefined runs
   * freely. Pushes to one branch must land in order (the later push's statuses win), and so
   * must the events of one pull request; comments and button clicks do not depend on order.
   */
  orderKey: string | undefined;
}

interface PayloadShape {
  action?: unknown;
  installation?: { id?: unknown };
  repository?: { id?: unknown };
  ref?: unknown;
  pull_request?: { number?: unknown };
}

/** The scheduling keys of a delivery, read from the fields GitHub puts in every payload. */
export function deliveryKeys(delivery: Pick<Delivery, "name" | "payload">): DeliveryKeys {
  const payload = (delivery.payload ?? {}) as PayloadShape;
  const action = typeof payload.action === "string" ? payload.action : undefined;
  const installation =
    typeof payload.installation?.id === "number" ? payload.installation.id : undefined;
  const repository = typeof payload.repository?.id === "number" ? payload.repository.id : undefined;
  return {
    kind: action ? `${delivery.name}.${action}` : delivery.name,
    installation,
    orderKey: orderKeyOf(delivery.name, payload, repository),
  };
}

function orderKeyOf(
  name: string,
  payload: PayloadShape,
  repository: number | undefined,
): string | undefined {
  if (repository === undefined) return undefined;
  if (name === "push" && typeof payload.ref === "string")
    return `push:${repository}:${payload.ref}`;
  if (name === "pull_request" && typeof payload.pull_request?.number === "number")
    return `pull:${repository}:${payload.pull_request.number}`;
  return undefined;
}
