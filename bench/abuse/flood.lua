-- wrk script for bench/abuse/run: one account floods GET /api/v1/practice/next and
-- POST /api/v1/attempts with real, served questions.
--
-- Environment (read by every wrk thread):
--   FLOOD_TOKEN     the flood account's bearer token
--   FLOOD_SESSIONS  file with the flood account's open session ids, one a line
--   FLOOD_THREADS   the -t given to wrk (each thread drives its own share of the sessions)
--   FLOOD_COUNTS    file that done() writes the tally to: "key<TAB>value" lines
--
-- Each thread walks its sessions round robin. A session whose last /practice/next answer handed
-- out a question gets a POST /attempts for it (a random letter, a fresh Idempotency-Key); any
-- other session gets a GET /practice/next. So the mix follows the server: while answers come
-- back, about half the requests are answers; when the server refuses, the flood keeps asking.
-- Every request carries an X-Request-Id naming its route ("flood-<thread>-<n|a>-<seq>"), which
-- the server echoes, so response() can tell which route a status belongs to; a response with
-- no echoed id (one refused before the id was given) is tallied under "unknown".
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
  by_id = {}
  local i = 0
  local path = os.getenv("FLOOD_SESSIONS")
  assert(path, "FLOOD_SESSIONS is not set")
  for line in io.lines(path) do
    if line ~= "" then
      if i % nthreads == tid - 1 then
        table.insert(sessions, { id = line, pending = nil })
        by_id[line] = #sessions
      end
      i = i + 1
    end
  end
  assert(#sessions > 0, "no flood sessions for thread " .. tid)
  cursor = 0
  seq = 0
  counts = {}
  letters = { "A", "B", "C", "D", "E" }
  math.randomseed(tid * 7919 + os.time())
end

function request()
  cursor = cursor % #sessions + 1
  seq = seq + 1
  local s = sessions[cursor]
  if s.pending then
    local q = s.pending
    s.pending = nil
    local body = string.format(
      '{"question_id":"%s","session_id":"%s","selected_answer":"%s","time_spent_seconds":%d}',
      q, s.id, letters[math.random(5)], math.random(5, 90))
    return wrk.format("POST", "/api/v1/attempts", {
      ["Host"] = host,
      ["Authorization"] = auth,
      ["Content-Type"] = "application/json",
      ["Idempotency-Key"] = string.format("flood-%d-%d", tid, seq),
      ["X-Request-Id"] = string.format("flood-%d-a-%d", tid, seq),
    }, body)
  end
  return wrk.format("GET", "/api/v1/practice/next?session_id=" .. s.id, {
    ["Host"] = host,
    ["Authorization"] = auth,
    ["X-Request-Id"] = string.format("flood-%d-n-%d", tid, seq),
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
  local kind = rid and rid:match("^flood%-%d+%-(%a)%-")
  local route = (kind == "n" and "next") or (kind == "a" and "attempts") or "unknown"
  local key = route .. " " .. status
  if status >= 400 then
    local code = body and body:match('"code"%s*:%s*"([%w_%.%-]+)"')
    key = key .. " " .. (code or "-")
  end
  counts[key] = (counts[key] or 0) + 1
  if status == 200 and kind == "n" and body then
    local sid = body:match('"session_id"%s*:%s*"([%x%-]+)"')
    local qid = body:match('"id"%s*:%s*"([%x%-]+)"')
    local idx = sid and (by_id[sid] or by_id[sid:lower()] or by_id[sid:upper()])
    if idx and qid then sessions[idx].pending = qid end
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
