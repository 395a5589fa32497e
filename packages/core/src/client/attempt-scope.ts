import { MAX_TIMER_MS } from '../transport/max-timer';
import { raceSignal } from '../transport/race-signal';
import { READINGS } from './failure';

/** Which source ended an attempt: the caller, `client.close()`, the whole-call deadline or the attempt timeout. */
export type AbortCause = 'caller' | 'closed' | 'deadline' | 'attempt';

/**
 * The cancellation of one attempt, from the wait before it to the end of its body: one controller, one timer.
 * Everything the attempt awaits listens on `signal`; `cause` says afterwards which source fired, so an abort is
 * never mistaken for a timeout or the other way round.
 */
export interface AttemptScope {
  readonly signal: AbortSignal;
  readonly cause: AbortCause | undefined;
  /** Arms the deadline timer for the waits before the send; an attempt with none never arms it. */
  awaitUntilDeadline(): void;
  /**
   * Arms the attempt timeout for the send; the deadline still wins when it comes first. False when the scope has
   * fired (a deadline the clock passed in a wait before the send, its timer not run yet): nothing may be sent.
   */
  startSend(timeoutMs: number): boolean;
  /** Clears the timer and the listeners on the caller's and the client's signals. */
  dispose(): void;
}

/**
 * The attempts in flight of one client, so `close()` can end them all. A set, not listeners on a shared
 * `AbortSignal`: adding and removing an event listener per attempt costs more than the attempt's own work.
 */
export interface OpenScopes {
  /** Set by `close()`: scopes opened from now on start aborted. */
  closed: boolean;
  readonly live: Set<(reason: unknown) => void>;
}

/**
 * Opens the scope of one attempt; a deadline already passed fires it at once. Its one timer is re-armed, never
 * doubled (a timer per call on the time left to the deadline would cost Node a timer list per millisecond value).
 */
export function openAttemptScope(
  caller: AbortSignal | undefined,
  scopes: OpenScopes,
  deadlineAt: number,
): AttemptScope {
  const controller = new AbortController();
  let cause: AbortCause | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A timeout's reason is a TimeoutError; the caller's and close()'s reasons are always given.
  const fire = (
    why: AbortCause,
    reason: unknown = new DOMException(READINGS[why][3] as string, 'TimeoutError'),
  ): void => {
    if (cause !== undefined) return;
    cause = why;
    controller.abort(reason);
  };
  const onCaller = (): void => fire('caller', caller?.reason);
  const onClosed = (reason: unknown): void => fire('closed', reason);
  const arm = (ms: number, why: AbortCause): void => {
    clearTimeout(timer);
    const left = deadlineAt - Date.now();
    const delay = Math.min(ms, left);
    const timeout = (): void => fire(ms < left ? why : 'deadline');
    if (delay <= 0) timeout();
    else if (Number.isFinite(delay)) {
      longTimeout(delay, timeout, (t) => {
        timer = t;
      });
    }
  };

  if (caller?.aborted) fire('caller', caller.reason);
  else if (scopes.closed) fire('closed', new Error('client closed'));
  else {
    if (caller) follow(caller, onCaller);
    scopes.live.add(onClosed);
    if (deadlineAt <= Date.now()) fire('deadline');
  }
  return {
    signal: controller.signal,
    get cause() {
      return cause;
    },
    awaitUntilDeadline() {
      if (cause === undefined && timer === undefined) arm(Infinity, 'deadline');
    },
    startSend(timeoutMs) {
      if (cause === undefined) arm(timeoutMs, 'attempt');
      return cause === undefined;
    },
    dispose() {
      clearTimeout(timer);
      if (caller) unfollow(caller, onCaller);
      scopes.live.delete(onClosed);
    },
  };
}

/** The scopes following one caller signal, and the one listener they share. */
interface Followers {
  readonly scopes: Set<() => void>;
  readonly onAbort: () => void;
}

/**
 * One listener per caller signal, however many calls share it (a request's signal, an app's shutdown signal): a
 * listener per attempt makes Node warn of a leak past 10 concurrent calls, and costs O(n) to remove.
 */
const following = new WeakMap<AbortSignal, Followers>();

function follow(signal: AbortSignal, onAbort: () => void): void {
  let followers = following.get(signal);
  if (followers === undefined) {
    const scopes = new Set<() => void>();
    followers = {
      scopes,
      onAbort: () => {
        following.delete(signal);
        for (const fire of scopes) fire();
      },
    };
    following.set(signal, followers);
    signal.addEventListener('abort', followers.onAbort, { once: true });
  }
  followers.scopes.add(onAbort);
}

/** The last scope to leave takes the shared listener off: a long-lived signal keeps nothing of finished calls. */
function unfollow(signal: AbortSignal, onAbort: () => void): void {
  const followers = following.get(signal);
  if (followers === undefined || !followers.scopes.delete(onAbort) || followers.scopes.size > 0) return;
  following.delete(signal);
  signal.removeEventListener('abort', followers.onAbort);
}

/** Waits `ms` (> 0) or rejects with the signal's reason when it aborts first; the timer goes either way. */
export function waitFor(ms: number, signal: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slept = new Promise<void>((resolve) => {
    longTimeout(ms, resolve, (t) => {
      timer = t;
    });
  });
  return raceSignal(slept, signal).finally(() => clearTimeout(timer));
}

/** Calls `done` after `ms`, chained past setTimeout's range (30 days would fire at once); `track` gets each timer. */
function longTimeout(ms: number, done: () => void, track: (timer: ReturnType<typeof setTimeout>) => void): void {
  const step = Math.min(ms, MAX_TIMER_MS);
  track(setTimeout(() => (ms > step ? longTimeout(ms - step, done, track) : done()), step));
}
