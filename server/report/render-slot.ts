// Reports are the server's heaviest answers (seventeen indicators, charts, a browser for PDF):
// one is built at a time, a few more wait their turn, and beyond that the server answers 503
// at once rather than piling work up on a small machine.
import { ApiError } from "../errors.ts";

export const MAX_WAITING = 4;

let running: Promise<unknown> = Promise.resolve();
let waiting = 0;

export async function inReportSlot<T>(work: () => Promise<T>): Promise<T> {
  if (waiting >= MAX_WAITING) {
    throw new ApiError(503, [
      {
        code: "busy",
        message: "trop de rapports sont en cours de construction : réessayez dans une minute",
      },
    ]);
  }
  waiting += 1;
  const previous = running;
  let release: () => void = () => {};
  running = new Promise<void>((resolve) => {
    release = resolve;
  });
  try {
    await previous.catch(() => undefined);
    return await work();
  } finally {
    waiting -= 1;
    release();
  }
}
