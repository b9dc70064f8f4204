/**
 * Lua scripts of the Redis inventory. Each runs atomically on the server: no other command
 * interleaves, whichever BFF instance sent it. Numbers are integer fen (exact in Lua doubles
 * far beyond any quota). Key layout (all under the configured prefix):
 *   inv:<key>               generic counters (Inventory.take/give)
 *   ready                   the run_id of the Redis process the claim state was rebuilt in
 *   period:<id>             hash: opensAt, closesAt, closedAt (0 = not closed), remaining
 *   period:<id>:claims      hash: applicantId → vouchers held in this period
 *   annual:<year>           hash: applicantId → fen counting toward that year's cap
 *   idem:<applicant>:<key>  the first decision for an Idempotency-Key (24 h)
 *   outbox                  stream of accepted voucher records not yet confirmed in the store
 */

export const TAKE = `
local v = redis.call('GET', KEYS[1])
if not v then return {-1, 0} end
v = tonumber(v)
local amount = tonumber(ARGV[1])
if v < amount then return {0, v} end
return {1, redis.call('DECRBY', KEYS[1], amount)}
`;

export const GIVE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
return redis.call('INCRBY', KEYS[1], ARGV[1])
`;

/**
 * KEYS: ready, period, period claims, annual, idem, outbox
 * ARGV: applicantId, amount, now, limit, cap, requestHash, record, idemTtlSeconds, minAmount, runId
 * (`ready` must hold the run_id of this Redis process: after a restart, empty or not, rebuild first)
 * Returns {kind, decision, outboxId}: kind is new | replay | key_reused | rebuild_needed; decision is
 * "A|<remaining>|<record>" or "R|<CODE>|<number>"; outboxId is the stream entry of a new acceptance.
 */
export const CLAIM = `
local prior = redis.call('GET', KEYS[5])
if prior then
  local sep = string.find(prior, '|', 1, true)
  if string.sub(prior, 1, sep - 1) ~= ARGV[6] then return {'key_reused', ''} end
  return {'replay', string.sub(prior, sep + 1)}
end
if redis.call('GET', KEYS[1]) ~= ARGV[10] then return {'rebuild_needed', ''} end
local p = redis.call('HMGET', KEYS[2], 'opensAt', 'closesAt', 'closedAt', 'remaining')
if not p[1] then return {'rebuild_needed', ''} end
local applicant = ARGV[1]
local amount = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local decision
local outboxId = ''
if now < tonumber(p[1]) or now >= tonumber(p[2]) or tonumber(p[3]) > 0 then
  decision = 'R|PERIOD_NOT_OPEN|0'
else
  local held = tonumber(redis.call('HGET', KEYS[3], applicant) or '0')
  local limit = tonumber(ARGV[4])
  if held >= limit then
    decision = 'R|ALREADY_CLAIMED|' .. limit
  else
    local used = tonumber(redis.call('HGET', KEYS[4], applicant) or '0')
    local cap = tonumber(ARGV[5])
    local remaining = tonumber(p[4])
    if used + amount > cap then
      decision = 'R|ANNUAL_CAP_EXCEEDED|' .. math.max(0, cap - used)
    elseif remaining < tonumber(ARGV[9]) then
      decision = 'R|SOLD_OUT|0'
    elseif remaining < amount then
      decision = 'R|INSUFFICIENT_QUOTA|' .. remaining
    else
      redis.call('HINCRBY', KEYS[2], 'remaining', -amount)
      redis.call('HINCRBY', KEYS[3], applicant, 1)
      redis.call('HINCRBY', KEYS[4], applicant, amount)
      outboxId = redis.call('XADD', KEYS[6], '*', 'r', ARGV[7])
      decision = 'A|' .. (remaining - amount) .. '|' .. ARGV[7]
    end
  end
end
redis.call('SET', KEYS[5], ARGV[6] .. '|' .. decision, 'EX', tonumber(ARGV[8]))
return {'new', decision, outboxId}
`;

/**
 * KEYS: period, period claims, annual   ARGV: applicantId, amount, now
 * Returns 1 when the amount also went back to the period's quota (period still open), else 0.
 */
export const RELEASE = `
local applicant = ARGV[1]
local amount = tonumber(ARGV[2])
local used = tonumber(redis.call('HGET', KEYS[3], applicant) or '0')
redis.call('HSET', KEYS[3], applicant, math.max(0, used - amount))
local held = tonumber(redis.call('HGET', KEYS[2], applicant) or '0')
redis.call('HSET', KEYS[2], applicant, math.max(0, held - 1))
local p = redis.call('HMGET', KEYS[1], 'closesAt', 'closedAt')
if p[1] and tonumber(ARGV[3]) < tonumber(p[1]) and tonumber(p[2]) == 0 then
  redis.call('HINCRBY', KEYS[1], 'remaining', amount)
  return 1
end
return 0
`;
