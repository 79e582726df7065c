-- wrk script: POST /oauth2/token with grant_type=client_credentials (RFC 6749 §4.4), the client authenticated with
-- client_secret_basic; the same request every time (a machine client simply asks again).
-- Usage: BENCH_SCENARIO=name wrk -t2 -c64 -d10s -s client_credentials.lua http://127.0.0.1:PORT -- BASIC_CREDENTIALS [SCOPE]
--   BASIC_CREDENTIALS: base64("client_id:client_secret"); SCOPE: sent as scope=SCOPE when given (else every machine scope).
-- A response is as expected when it is 200 with an access token and no refresh token (§4.4.3); done() prints one
-- JSON line with wrk's figures and the counts, in the shape of bearer.lua's.
-- X-Forwarded-Proto: https stands in for the TLS-terminating proxy the portal is configured to trust (see bench/run).
-- With several portal instances (BENCH_INSTANCES), bench/run runs one wrk per instance: BENCH_HOST is then the Host
-- every request carries (the first instance's, as a load balancer would pass it on), and BENCH_HISTOGRAM a file that
-- done() writes wrk's latency histogram to (microseconds and counts), from which bench/run merges the percentiles.
local host = os.getenv("BENCH_HOST")
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local request_bytes

function init(args)
  local body = "grant_type=client_credentials"
  if args[2] and #args[2] > 0 then body = body .. "&scope=" .. args[2] end
  request_bytes = wrk.format("POST", "/oauth2/token", {
    ["Authorization"] = "Basic " .. args[1],
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-Proto"] = "https",
    ["Host"] = host,
  }, body)
  -- Globals read by done() through thread:get (numbers only).
  matched, unexpected, non_2xx, last_unexpected = 0, 0, 0, 0
end

function request()
  return request_bytes
end

function response(status, headers, body)
  if status == 200 and string.find(body, '"access_token":"', 1, true) and not string.find(body, '"refresh_token"', 1, true) then
    matched = matched + 1
  else
    unexpected = unexpected + 1; last_unexpected = status
  end
  if status < 200 or status > 299 then non_2xx = non_2xx + 1 end
end

function done(summary, latency, requests)
  local histogram = os.getenv("BENCH_HISTOGRAM")
  if histogram then
    local file = assert(io.open(histogram, "w"))
    for i = 1, #latency do
      local value, count = latency(i)
      file:write(string.format("%d %d\n", value, count))
    end
    file:close()
  end
  local seconds = summary.duration / 1e6
  local m, u, n, last = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    m = m + thread:get("matched")
    u = u + thread:get("unexpected")
    n = n + thread:get("non_2xx")
    if thread:get("last_unexpected") ~= 0 then last = thread:get("last_unexpected") end
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    '{"scenario":"%s","tool":"wrk","connections":%d,"requests":%d,"seconds":%.3f,"rps":%.1f,' ..
    '"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"expected_status":200,"expected":%d,"unexpected":%d,' ..
    '"last_unexpected_status":%d,"non_2xx":%d,"socket_errors":%d}\n',
    os.getenv("BENCH_SCENARIO") or "token_client_credentials", tonumber(os.getenv("BENCH_CONNECTIONS") or "0"), summary.requests, seconds,
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, m, u, last, n, errors))
end
