-- wrk script for bench/abuse/run: one account floods GET /api/v1/practice/next and
-- POST /api/v1/attempts with real, served questions.
--
-- Environment (read by every wrk thread):
--   FLOOD_TOKEN     the flood account's bearer token
--   FLOOD_SESSIONS  file with the flood account's open session ids, one a line
--   FLOOD_THREADS   the -t given to wrk (each thread drives its own share of the sessions)
--   FLOOD_COUNTS    file that done() writes the tally to: "key<TAB>value" lines
--
-- Each thread has its share of the sessions. Whenever a session's last /practice/next handed out
-- a question not yet answered, the next request answers it (POST /attempts, a random letter, a
-- fresh Idempotency-Key: 201). Otherwise the thread walks its sessions round robin and keeps the
-- two routes even: a GET /practice/next, or, when answers are behind, a POST /attempts that
-- answers the session's last question again with a new key (a double submit: the server takes
-- the student's lock, finds it answered and says 409 already_answered). With more connections
-- than sessions most answers are of the second kind; every body is a real served question.
-- Every request carries an X-Request-Id naming its route and session
-- ("flood-<thread>-<n|a|r>-<session>-<seq>": next, answer, repeated answer), which the server echoes, so response() can tell
-- which route and session a status belongs to; a response with no echoed id (one refused
-- before the id was given) is tallied under "unknown".
-- The tally key is "<route> <status>", plus " <error code>" for statuses >= 400.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  local nthreads = tonumber(os.getenv("FLOOD_THREADS") or "1")
  auth = "Bearer " .. assert(os.getenv("FLOOD_TOKEN"), "FLOOD_TOKEN is not set")
  host = wrk.headers["Host"]
  sessions = {}
  local i = 0
  local path = os.getenv("FLOOD_SESSIONS")
  assert(path, "FLOOD_SESSIONS is not set")
  for line in io.lines(path) do
    if line ~= "" then
      if i % nthreads == tid - 1 then
        table.insert(sessions, { id = line, pending = nil, posted = nil })
      end
      i = i + 1
    end
  end
  assert(#sessions > 0, "no flood sessions for thread " .. tid)
  cursor = 0
  seq = 0
  sent_attempts = 0
  sent_next = 0
  counts = {}
  letters = { "A", "B", "C", "D", "E" }
  math.randomseed(tid * 7919 + os.time())
end

local function answer(i, s, q, kind)
  local body = string.format(
    '{"question_id":"%s","session_id":"%s","selected_answer":"%s","time_spent_seconds":%d}',
    q, s.id, letters[math.random(5)], math.random(5, 90))
  sent_attempts = sent_attempts + 1
  return wrk.format("POST", "/api/v1/attempts", {
    ["Host"] = host,
    ["Authorization"] = auth,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("flood-%d-%d", tid, seq),
    ["X-Request-Id"] = string.format("flood-%d-%s-%d-%d", tid, kind, i, seq),
  }, body)
end

function request()
  seq = seq + 1
  -- A fresh answer whenever a session waits on one.
  for step = 1, #sessions do
    local i = (cursor + step - 1) % #sessions + 1
    local s = sessions[i]
    if s.pending then
      cursor = i
      local q = s.pending
      s.pending = nil
      s.posted = q
      return answer(i, s, q, "a")
    end
  end
  cursor = cursor % #sessions + 1
  local s = sessions[cursor]
  -- Otherwise keep the routes even: answer again a question already answered (a double
  -- submit with a new key, which the server refuses with 409 already_answered), or ask next.
  if sent_attempts < sent_next and s.posted then
    return answer(cursor, s, s.posted, "r")
  end
  sent_next = sent_next + 1
  return wrk.format("GET", "/api/v1/practice/next?session_id=" .. s.id, {
    ["Host"] = host,
    ["Authorization"] = auth,
    ["X-Request-Id"] = string.format("flood-%d-n-%d-%d", tid, cursor, seq),
  })
end

local function header(headers, wanted)
  local v = headers[wanted]
  if v then return v end
  wanted = wanted:lower()
  for name, value in pairs(headers) do
    if name:lower() == wanted then return value end
  end
  return nil
end

function response(status, headers, body)
  local rid = header(headers, "X-Request-Id")
  local kind, idx
  if rid then
    kind, idx = rid:match("^flood%-%d+%-(%a)%-(%d+)%-")
    idx = tonumber(idx)
  end
  local route = (kind == "n" and "next") or ((kind == "a" or kind == "r") and "attempts") or "unknown"
  local key = route .. " " .. status
  if status >= 400 then
    local code = body and body:match('"code"%s*:%s*"([%w_%.%-]+)"')
    key = key .. " " .. (code or "-")
  end
  counts[key] = (counts[key] or 0) + 1
  local s = idx and sessions[idx]
  if not s then return end
  if kind == "n" and status == 200 and body then
    -- The question the session is waiting on. A /next sent before the session's last answer
    -- arrived names the question just answered: skip it, or it would be answered twice.
    local qid = body:match('"id"%s*:%s*"([%x%-]+)"')
    if qid and qid ~= s.posted then s.pending = qid end
  elseif kind == "a" and status ~= 201 and not (body and body:find('"already_answered"', 1, true)) then
    -- Refused (say 429) and not stored: the question is still open, so answer it again later.
    s.posted = nil
  end
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    if c then
      for k, v in pairs(c) do total[k] = (total[k] or 0) + v end
    end
  end
  local out = os.getenv("FLOOD_COUNTS")
  assert(out, "FLOOD_COUNTS is not set")
  local f = assert(io.open(out, "w"))
  for k, v in pairs(total) do f:write(string.format("status %s\t%d\n", k, v)) end
  f:write(string.format("wrk duration_us\t%d\n", summary.duration))
  f:write(string.format("wrk requests\t%d\n", summary.requests))
  f:write(string.format("wrk bytes\t%d\n", summary.bytes))
  for _, e in ipairs({ "connect", "read", "write", "status", "timeout" }) do
    f:write(string.format("wrk errors_%s\t%d\n", e, summary.errors[e]))
  end
  for _, p in ipairs({ 50, 90, 99 }) do
    f:write(string.format("wrk latency_p%d_us\t%d\n", p, latency:percentile(p)))
  end
  f:write(string.format("wrk latency_max_us\t%d\n", latency.max))
  f:close()
end
