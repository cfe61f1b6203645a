-- wrk script: POST one WAV file to /api/predict over and over.
-- Usage: WAV=clip.wav wrk -t2 -c8 -d10s -s bench/wrk-predict.lua http://127.0.0.1:8080
-- Prints a status-code tally after wrk's own latency report; any non-200 counts as an error.
local path = os.getenv("WAV")
assert(path, "set WAV to the clip to send")
local f = assert(io.open(path, "rb"))
local body = f:read("*a")
f:close()

wrk.method = "POST"
wrk.path = "/api/predict"
wrk.body = body
wrk.headers["Content-Type"] = "audio/wav"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for code, n in pairs(s) do
      total[code] = (total[code] or 0) + n
    end
  end
  io.write("status codes:")
  for code, n in pairs(total) do
    io.write(string.format(" %d=%d", code, n))
  end
  io.write(string.format("\np50 %.1f ms, p99 %.1f ms, %.1f requests/s\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
