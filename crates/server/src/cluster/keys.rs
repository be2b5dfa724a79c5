//! The names of a cluster's Redis keys and channels, its timings, and its Lua scripts.

use std::time::Duration;

/// How long an owner's lease lasts without renewal.
pub const LEASE: Duration = Duration::from_secs(5);
/// How long a server's `alive` key lasts without renewal (shorter than the lease: a dead
/// owner's rooms are taken over before its lease would end).
pub const ALIVE: Duration = Duration::from_secs(3);
/// How often leases and `alive` are renewed, and forwarded owners checked.
pub(super) const BEAT: Duration = Duration::from_secs(1);

pub(super) fn key(code: &str, what: &str) -> String {
    // The braces make every key of a room hash to the same Redis Cluster slot.
    format!("fresque:{{{code}}}:{what}")
}

pub(super) fn alive_key(server: &str) -> String {
    format!("fresque:alive:{server}")
}

pub(super) fn channel(server: &str) -> String {
    format!("fresque:to:{server}")
}

/// Stores a room's writes if this server still owns it (its epoch), or creates it ("new": the
/// code must be free, or already this server's: a creation sent again after a lost answer).
/// KEYS: owner, epoch, room, moves. ARGV: server, epoch or "new", keep ms, lease ms, ops…
pub(super) const WRITE: &str = r"
local e
if ARGV[2] == 'new' then
  local owner = redis.call('GET', KEYS[1])
  if owner == ARGV[1] then
    e = tonumber(redis.call('GET', KEYS[2]))
  elseif owner or redis.call('EXISTS', KEYS[3]) == 1 then
    return redis.error_reply('TAKEN')
  else
    redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[4])
    e = redis.call('INCR', KEYS[2])
  end
else
  if redis.call('GET', KEYS[2]) ~= ARGV[2] then return redis.error_reply('FENCED') end
  e = tonumber(ARGV[2])
end
local i = 5
while i <= #ARGV do
  local op = ARGV[i]
  if op == 'room' then
    redis.call('SET', KEYS[3], ARGV[i + 1]); i = i + 2
  elseif op == 'move' then
    redis.call('HSET', KEYS[4], ARGV[i + 1], ARGV[i + 2]); i = i + 3
  elseif op == 'delete' then
    redis.call('DEL', KEYS[1], KEYS[3], KEYS[4]); i = i + 1
  else
    return redis.error_reply('BADOP')
  end
end
for k = 2, 4 do
  if redis.call('EXISTS', KEYS[k]) == 1 then redis.call('PEXPIRE', KEYS[k], ARGV[3]) end
end
return e
";

/// Takes a room whose owner is gone. KEYS: owner, epoch, room. ARGV: server, lease ms, the
/// `alive` key prefix. Returns {"owner", name} (a live owner), {"none"} (no such room) or
/// {"claimed", epoch}.
pub(super) const CLAIM: &str = r"
local owner = redis.call('GET', KEYS[1])
if owner and owner ~= ARGV[1] and redis.call('EXISTS', ARGV[3] .. owner) == 1 then
  return {'owner', owner}
end
if redis.call('EXISTS', KEYS[3]) == 0 then return {'none'} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return {'claimed', tostring(redis.call('INCR', KEYS[2]))}
";

/// Keeps a lease. KEYS: owner, epoch. ARGV: server, epoch, lease ms. 1: kept; 0: lost.
pub(super) const RENEW: &str = r"
local owner = redis.call('GET', KEYS[1])
if owner == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[3]); return 1 end
if not owner and redis.call('GET', KEYS[2]) == ARGV[2] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3]); return 1
end
return 0
";
