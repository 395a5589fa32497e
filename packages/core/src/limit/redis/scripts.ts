/**
 * The Lua side of cluster mode: the same arithmetic as `model/*.ts` and `bucket-key.ts`, run
 * atomically in Redis over every key a request takes. Time is Redis' own clock (`TIME`), so
 * processes with skewed clocks agree (bottleneck's scripts take each caller's `Date.now()`).
 *
 * Per bucket key a hash: `r`/`t`/`al`/`L`/`lo`/`gd`/`an` fixed window and quota (remaining, reset with its guard,
 * aligned to the server, stated limit, lowest remaining stated in the window, the guard, a call has ended);
 * `k`/`a`/`L`/`fz`/`fb` token and cost buckets (tokens, when counted, stated capacity, refill frozen until, the call
 * from a full bucket); `d`/`tn` token bucket (units answered, calls taken); `n` min-interval; `l`/`g`/`L` learned
 * sliding limit, when it last grew, its ceiling; `c`/`u` learned concurrency cap; `p`/`pk`/`pa`/`pb`/`pe` pause,
 * pause kind, next probe, the probe out and its expiry; `s` units started; `o` newest observed sequence. And a sorted
 * set: the sliding-window log by answer time, or the units in flight of a fixed window or quota and the leases of a
 * concurrency cap, scored by expiry.
 */

import { SAME_RESET_MS } from '../model/fixed-window';
import { MAX_FREEZE_MS, RECENT_TAKES } from '../model/token-bucket';

/** Values shared by both scripts. */
const PRELUDE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function num(v, d) local x = tonumber(v) if x == nil then return d end return x end
-- Units of a fixed window or quota taken and not answered yet (members scored by lease expiry).
local function inFlight(z) redis.call('ZREMRANGEBYSCORE', z, '-inf', now) return redis.call('ZCARD', z) end
-- One member per unit a call takes in a key's sorted set.
local function units(cost) return math.max(1, math.floor(cost)) end
-- A token or cost bucket at now: tokens, capacity, end of the freeze. Nothing refills while a call taken from a full
-- bucket is on its way, until fz (model/token-bucket.ts).
local function tokens(h, burst, rate)
  local f = redis.call('HMGET', h, 'k', 'a', 'L', 'fz')
  local b, fz = num(f[3], burst), num(f[4], 0)
  local k, from = num(f[1], b), math.max(num(f[2], now), fz)
  if now > from then k = k + (now - from) * rate end
  return math.min(b, k), b, fz
end
local n = #KEYS / 2
`;

/*
 * ARGV per key (shared-limiter.ts builds them; '' is absent), 10 fields: model letter (f fixed, q quota, s sliding,
 * t token, c cost, n concurrency, i interval), limit, windowMs, rate per ms, burst, cap, intervalMs, cost, idleMs (key
 * expiry), slow start (1: a fixed window or quota admits nothing more until its first call ends). RELEASE adds 10:
 * seq, remaining, seen limit, reset in ms, its guard (`resetGuardMs`), pauseMs of a throttle this key owns, quota 0|1,
 * probe (1 answered, 2 no answer; it only counts when this permit's token is the probe out on the key), actual cost,
 * and the mark TAKE returned for the key (`<units answered>:<calls taken before it>` for a token bucket, else '').
 */

/**
 * TAKE: ARGV = token, maxHoldMs, leaseMs, then the fields of each key. Returns `{0, seq..., mark...}` (per key a
 * sequence number, then a mark for RELEASE) when every key admitted the call and took it, else `{code, keyIndex, ms}`:
 * 1 wait ms, 2 hold exceeded, 3 quota used up, 4 wait for a release (concurrency, a quota probe out).
 */
export const TAKE = `${PRELUDE}
local token, maxHold, lease = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local probeEvery = math.max(maxHold, 1000)
local probes = {}
local function longHold(i, h, hold, pa, pb)
  if pb > now then return {2, i, hold} end
  if pa == 0 then redis.call('HSET', h, 'pa', now + probeEvery) return {2, i, hold} end
  if now < pa then return {2, i, hold} end
  probes[i] = true
  return nil
end
local function wait(h, z, m, limit, win, rate, burst, cap, cost, slow)
  if m == 'f' or m == 'q' then
    local f = redis.call('HMGET', h, 'r', 't', 'L', 'al', 'lo', 'an')
    -- Slow start: the declared numbers are a prior, the first answer tells (model/fixed-window.ts).
    if slow and f[6] ~= '1' and inFlight(z) > 0 then return -1 end
    local lim = num(f[3], limit)
    local r, reset = num(f[1], lim), num(f[2], 0)
    if now >= reset or r >= cost or r >= lim then return 0 end
    local flying = inFlight(z) > 0
    -- Our own guess of the reset is not waited out while an answer with the server's is on its way;
    -- a quota at 0 only because of calls in flight waits for their answers (model/fixed-window.ts).
    if flying and (f[4] ~= '1' or (m == 'q' and num(f[5], math.huge) >= cost)) then return -1 end
    return reset - now
  elseif m == 's' then
    redis.call('ZREMRANGEBYSCORE', z, '-inf', now - win)
    local f = redis.call('HMGET', h, 'l', 'g', 'L')
    local ceiling = num(f[3], limit)
    local lim = num(f[1], ceiling)
    local period = win * 5
    if lim < ceiling and now - num(f[2], 0) >= period then
      lim = math.min(ceiling, lim + math.max(1, math.floor(ceiling * 0.05 + 0.5)))
      redis.call('HSET', h, 'l', lim, 'g', now)
    end
    local count = redis.call('ZCARD', z)
    local need = math.min(cost, lim)
    if count + need <= lim then return 0 end
    local e = redis.call('ZRANGE', z, count + need - lim - 1, count + need - lim - 1, 'WITHSCORES')
    return math.max(1, tonumber(e[2]) + win - now)
  elseif m == 't' or m == 'c' then
    local k, b, fz = tokens(h, burst, rate)
    local need = math.min(cost, b)
    if k >= need - 1e-9 then return 0 end
    return math.max(0, fz - now) + (need - k) / rate
  elseif m == 'n' then
    redis.call('ZREMRANGEBYSCORE', z, '-inf', now)
    if redis.call('ZCARD', z) < num(redis.call('HGET', h, 'c'), cap) then return 0 end
    return -1
  end
  return math.max(0, num(redis.call('HGET', h, 'n'), 0) - now)
end
for i = 1, n do
  local h, z, o = KEYS[2 * i - 1], KEYS[2 * i], 3 + (i - 1) * 10
  local m = ARGV[o + 1]
  local f = redis.call('HMGET', h, 'p', 'pk', 'pa', 'pe')
  local p, pk, pa, pb = num(f[1], 0), num(f[2], 0), num(f[3], 0), num(f[4], 0)
  if pk > 0 then
    if now < p then
      local hold = p - now
      if pk == 2 then return {3, i, hold} end
      if hold <= maxHold then return {1, i, hold} end
      local r = longHold(i, h, hold, pa, pb)
      if r then return r end
    elseif pk == 2 then
      if pb > now then return {4, i, pb - now} end
      probes[i] = true
    else
      redis.call('HSET', h, 'pk', 0)
    end
  end
  if not probes[i] then
    local w = wait(h, z, m, tonumber(ARGV[o + 2]), tonumber(ARGV[o + 3]), tonumber(ARGV[o + 4]),
      tonumber(ARGV[o + 5]), tonumber(ARGV[o + 6]), tonumber(ARGV[o + 8]), ARGV[o + 10] == '1')
    if w < 0 then return {4, i, 0} end
    if w > 0 then
      if m == 'q' then
        redis.call('HSET', h, 'p', now + w, 'pk', 2, 'pa', 0)
        return {3, i, w}
      end
      if w <= maxHold then return {1, i, w} end
      -- Only a wait that comes from server state (a reset read from a response) is probed.
      if m ~= 'f' or redis.call('HGET', h, 'al') ~= '1' then return {2, i, w} end
      local r = longHold(i, h, w, pa, pb)
      if r then return r end
    end
  end
end
local out = {0}
local marks = {}
for i = 1, n do
  local h, z, o = KEYS[2 * i - 1], KEYS[2 * i], 3 + (i - 1) * 10
  local m, limit, win = ARGV[o + 1], tonumber(ARGV[o + 2]), tonumber(ARGV[o + 3])
  local cost, idle = tonumber(ARGV[o + 8]), tonumber(ARGV[o + 9])
  if m == 'f' or m == 'q' then
    local f = redis.call('HMGET', h, 'r', 't', 'L')
    local lim = num(f[3], limit)
    local r, reset = num(f[1], lim), num(f[2], 0)
    if now >= reset then
      -- Calls still in flight may land in the new window: counted there until an answer says otherwise.
      r = lim - inFlight(z)
      reset = now + win
      redis.call('HSET', h, 'al', 0)
      redis.call('HDEL', h, 'lo', 'gd')
    end
    redis.call('HSET', h, 'r', r - cost, 't', reset)
    for j = 1, units(cost) do redis.call('ZADD', z, now + lease, token .. ':' .. i .. ':' .. j) end
  elseif m == 's' then
    for j = 1, units(cost) do redis.call('ZADD', z, now, token .. ':' .. i .. ':' .. j) end
  elseif m == 't' or m == 'c' then
    local rate = tonumber(ARGV[o + 4])
    local k, b, fz = tokens(h, tonumber(ARGV[o + 5]), rate)
    if k >= b - 1e-9 and now >= fz then
      redis.call('HSET', h, 'fz', now + math.min(${MAX_FREEZE_MS}, b / rate), 'fb', token)
    end
    redis.call('HSET', h, 'k', k - cost, 'a', now)
    -- The token bucket's lower bound needs the units answered when this call was taken (model/token-bucket.ts).
    if m == 't' then marks[i] = (redis.call('HGET', h, 'd') or '0') .. ':' .. (redis.call('HINCRBY', h, 'tn', 1) - 1) end
  elseif m == 'n' then
    redis.call('ZADD', z, now + lease, token)
  else
    redis.call('HSET', h, 'n', math.max(now, num(redis.call('HGET', h, 'n'), 0)) + tonumber(ARGV[o + 7]))
  end
  if probes[i] then
    redis.call('HSET', h, 'pb', token, 'pe', now + lease, 'pa', now + probeEvery)
  else
    redis.call('HDEL', h, 'pa')
  end
  out[i + 1] = redis.call('HINCRBYFLOAT', h, 's', cost) - cost
  redis.call('PEXPIRE', h, idle)
  redis.call('PEXPIRE', z, idle)
end
for i = 1, n do out[n + i + 1] = marks[i] or '' end
return out
`;

/**
 * RELEASE: ARGV = token, maxHoldMs, then the fields of each key. Server state overrides the stored numbers:
 * remaining minus units started after this request.
 */
export const RELEASE = `${PRELUDE}
local token, maxHold = ARGV[1], tonumber(ARGV[2])
for i = 1, n do
  local h, z, o = KEYS[2 * i - 1], KEYS[2 * i], 2 + (i - 1) * 20
  local m, limit, win = ARGV[o + 1], tonumber(ARGV[o + 2]), tonumber(ARGV[o + 3])
  local rate, burst, cap = tonumber(ARGV[o + 4]), tonumber(ARGV[o + 5]), tonumber(ARGV[o + 6])
  local cost, idle, seq = tonumber(ARGV[o + 8]), tonumber(ARGV[o + 9]), tonumber(ARGV[o + 11])
  local remaining, seen = tonumber(ARGV[o + 12]), tonumber(ARGV[o + 13])
  local resetIn, guard, pauseMs = tonumber(ARGV[o + 14]), tonumber(ARGV[o + 15]), tonumber(ARGV[o + 16])
  local quota, probe, actual = ARGV[o + 17] == '1', tonumber(ARGV[o + 18]), tonumber(ARGV[o + 19])
  -- A reset already passed says nothing about the window the server counts in now.
  local stale = resetIn ~= nil and resetIn <= 0
  local answeredAt, takesBefore = string.match(ARGV[o + 20], '^([^:]+):(%d+)$')
  answeredAt, takesBefore = tonumber(answeredAt), tonumber(takesBefore)
  if m == 'n' then
    redis.call('ZREM', z, token)
    local c = num(redis.call('HGET', h, 'c'), cap)
    if not pauseMs and c < cap then
      local u = redis.call('HINCRBY', h, 'u', 1)
      if u >= c then redis.call('HSET', h, 'c', c + 1, 'u', 0) end
    end
  end
  if (m == 't' or m == 'c') and redis.call('HGET', h, 'fb') == token then
    -- The call from a full bucket is answered: the provider has seen it, the refill runs from now.
    local k, b, fz = tokens(h, burst, rate)
    if now < fz then redis.call('HSET', h, 'k', k, 'a', now, 'fz', now) end
    redis.call('HDEL', h, 'fb')
  end
  if m == 't' then redis.call('HINCRBYFLOAT', h, 'd', cost) end
  if (m == 't' or m == 'c') and (actual or remaining or pauseMs) then
    local k, b = tokens(h, burst, rate)
    if actual and m == 'c' then k = math.min(b, k + cost - actual) end
    redis.call('HSET', h, 'k', k, 'a', now)
  end
  if m == 'f' or m == 'q' then
    for j = 1, units(cost) do redis.call('ZREM', z, token .. ':' .. i .. ':' .. j) end
    redis.call('HSET', h, 'an', 1)
  elseif m == 's' then
    -- The call counts from its answer: the provider logged it some time before that (model/sliding-window.ts), also
    -- when a call slower than the window had its start trimmed from the log meanwhile.
    for j = 1, units(cost) do redis.call('ZADD', z, now, token .. ':' .. i .. ':' .. j) end
  end
  local grew = false
  if seen and seen > 0 then
    grew = seen > num(redis.call('HGET', h, 'L'), (m == 't' or m == 'c') and burst or limit)
    -- A sliding window takes a stated size as its new ceiling and working limit, above the declared one too.
    if m ~= 's' then redis.call('HSET', h, 'L', seen)
    elseif seen ~= num(redis.call('HGET', h, 'L'), limit) then redis.call('HSET', h, 'L', seen, 'l', seen) end
  end
  if remaining and not stale then
    local fresh = seq >= num(redis.call('HGET', h, 'o'), -1)
    if fresh then redis.call('HSET', h, 'o', seq) end
    if m == 'f' or m == 'q' then
      -- model/fixed-window.ts observe(): the lowest remaining of a window is the server's latest word, and every
      -- call of ours still unanswered may be uncounted in it.
      local f = redis.call('HMGET', h, 'r', 't', 'al', 'lo', 'gd')
      local r, reset, lo, gd = num(f[1], limit), num(f[2], 0), num(f[4], math.huge), num(f[5], 0)
      local current = f[3] == '1' and reset > now
      local flying = inFlight(z)
      local word = true
      if resetIn then
        local stated = now + resetIn
        local same = current and math.abs(stated - (reset - gd)) < ${SAME_RESET_MS}
        if current and stated <= reset - gd - ${SAME_RESET_MS} and not fresh then
          word = false
        elseif not same then
          redis.call('HSET', h, 't', stated + guard, 'gd', guard, 'al', 1, 'lo', remaining, 'r', remaining - flying)
          word = false
        else
          -- The guard is fixed when a window is first read; the reset kept is the earliest reading (one stated as time
          -- left is read late by the answer's way back, model/fixed-window.ts).
          local g = math.max(gd, guard)
          redis.call('HSET', h, 't', math.min(stated, reset - gd) + g, 'gd', g)
        end
      elseif reset <= now then
        redis.call('HSET', h, 't', now + win, 'lo', remaining, 'r', remaining - flying)
        word = false
      end
      if word then
        if remaining > lo then redis.call('HSET', h, 'r', r + cost)
        else redis.call('HSET', h, 'lo', remaining, 'r', remaining - flying) end
      end
    elseif m == 't' or m == 'c' then
      local rem = remaining - (num(redis.call('HGET', h, 's'), 0) - seq - cost)
      local f = redis.call('HMGET', h, 'k', 'L')
      local b = num(f[2], burst)
      local k = num(f[1], b)
      -- model/token-bucket.ts observe(): the server's word lowers the count to rem, unless the bucket grew (or, for a
      -- cost bucket of estimates, it is the newest answer); it raises it to rem less the units unanswered at this
      -- call's take, when the call is among the key's last RECENT_TAKES takes.
      local raise = grew or (m == 'c' and fresh)
      k = raise and rem or math.min(k, rem)
      if not raise and m == 't' and answeredAt and num(redis.call('HGET', h, 'tn'), 0) - takesBefore <= ${RECENT_TAKES} then
        k = math.max(rem - (seq - answeredAt), k)
      end
      redis.call('HSET', h, 'k', math.min(b, k))
    end
  end
  if redis.call('HGET', h, 'pb') ~= token then probe = 0 end
  if probe == 2 then
    redis.call('HDEL', h, 'pb', 'pe')
    redis.call('HSET', h, 'pa', now)
  elseif probe == 1 and not pauseMs then
    redis.call('HDEL', h, 'pb', 'pe', 'pa')
    redis.call('HSET', h, 'pk', 0, 'p', 0)
    -- Taken although we believed it empty for long, and no state came back: start afresh.
    if not remaining and not resetIn then redis.call('HDEL', h, 'r', 't', 'al', 'lo', 'gd', 'k', 'a', 'fz', 'fb', 'n', 'L', 'l') end
  end
  if pauseMs then
    local f = redis.call('HMGET', h, 'p', 'pk')
    local untilAt, p, pk = now + pauseMs, num(f[1], 0), num(f[2], 0)
    if probe > 0 then redis.call('HDEL', h, 'pb', 'pe') end
    if quota or pk == 0 or untilAt > p then
      local pa = 0
      if not quota and pauseMs > maxHold then pa = now + math.max(maxHold, 1000) end
      redis.call('HSET', h, 'p', untilAt, 'pk', quota and 2 or 1, 'pa', pa)
    end
    if m == 's' then
      -- The refused call does not count in the provider's window.
      for j = 1, units(cost) do redis.call('ZREM', z, token .. ':' .. i .. ':' .. j) end
      redis.call('ZREMRANGEBYSCORE', z, '-inf', now - win)
      local accepted = redis.call('ZCARD', z)
      local first = redis.call('ZRANGE', z, 0, 0, 'WITHSCORES')
      if accepted >= 1 and pauseMs + 1000 >= tonumber(first[2]) + win - now then
        local f = redis.call('HMGET', h, 'l', 'L')
        local l = math.max(1, math.min(num(f[1], num(f[2], limit)), accepted))
        redis.call('HSET', h, 'l', l, 'g', now)
      end
    elseif m == 'n' then
      redis.call('HSET', h, 'c', math.max(1, math.floor(num(redis.call('HGET', h, 'c'), cap) * 0.7)), 'u', 0)
    elseif m == 't' or m == 'c' then
      redis.call('HSET', h, 'k', math.min(num(redis.call('HGET', h, 'k'), 0), 0), 'a', now)
    end
  end
  redis.call('PEXPIRE', h, idle)
  redis.call('PEXPIRE', z, idle)
end
return 1
`;
