#include "actors/ledger/core/account_error.hpp"
#include "events/ids.hpp"
#include "events/store_error.hpp"
#include "http/runtime/header_values.hpp"
#include "http/runtime/idempotency.hpp"
#include "http/runtime/json_body.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/query_params.hpp"
#include "http/runtime/request_error.hpp"
#include "http/runtime/request_log.hpp"
#include "http/runtime/rfc3339.hpp"
#include "http/runtime/strict_json.hpp"

#include <boost/json/serialize.hpp>
#include <doctest/doctest.h>

using namespace pfms;

TEST_CASE("RFC 3339 timestamps with offsets parse to UTC microseconds") {
  CHECK(parse_rfc3339("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_rfc3339("2026-11-25T10:00:00Z") == 1'795'600'800'000'000);
  CHECK(parse_rfc3339("2026-11-25T11:00:00+01:00") == 1'795'600'800'000'000);
  CHECK(parse_rfc3339("2026-11-25T10:00:00.5Z") == 1'795'600'800'500'000);
  CHECK(parse_rfc3339("2024-02-29T00:00:00Z").has_value());
  for (const char* bad : {"2026-11-25", "2026-11-25T10:00:00", "2023-02-29T00:00:00Z",
                          "2026-13-01T00:00:00Z", "2026-11-25T24:00:00Z", "yesterday",
                          "2026-11-25T10:00:00+1:00", "2026-11-25T10:00:00.Z", ""}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_rfc3339(bad).has_value());
  }
}

TEST_CASE("instants outside 1970-01-01T00:00:00Z … 9999-12-31T23:59:59Z are refused") {
  CHECK(parse_rfc3339("9999-12-31T23:59:59.999999Z") == rfc3339_max);
  CHECK(format_rfc3339(rfc3339_max) == "9999-12-31T23:59:59.999999Z");
  CHECK(parse_rfc3339("9999-12-31T23:59:59+01:00") == rfc3339_max - 3'600'999'999);
  CHECK(parse_rfc3339("1970-01-01T00:00:00-01:00") == 3'600'000'000);
  for (const char* outside : {"9999-12-31T23:59:59-12:00", "9999-12-31T23:00:00-01:00",
                              "1970-01-01T00:00:00+01:00", "1970-01-01T00:59:59.999999+01:00"}) {
    CAPTURE(outside);
    CHECK_FALSE(parse_rfc3339(outside).has_value());
  }
}

TEST_CASE("RFC 3339 formatting round-trips") {
  for (time_us t : {time_us{0}, time_us{1'795'600'800'000'000}, time_us{951'782'400'123'456}})
    CHECK(parse_rfc3339(format_rfc3339(t)) == t);
  CHECK(format_rfc3339(0) == "1970-01-01T00:00:00Z");
  CHECK(format_rfc3339(1'500'000) == "1970-01-01T00:00:01.500000Z");
}

TEST_CASE("strict JSON bodies reject what the API does not accept") {
  struct row { const char* body; request_errc error; };
  const row rows[] = {
    {"{", request_errc::malformed_json},
    {"[1]", request_errc::malformed_json},
    {"{\"a\":1,}", request_errc::malformed_json},
    {"{\"a\":1 /* c */}", request_errc::malformed_json},
    {"{\"a\":\"\xff\"}", request_errc::malformed_json},
    {"{\"a\":1,\"extra\":2}", request_errc::unknown_field},
    {"{\"a\":1,\"a\":2}", request_errc::malformed_json},
    {"{\"a\":1,\"\\u0061\":2}", request_errc::malformed_json},
    {"{\"a\":{\"x\":1,\"y\":[{\"z\":1,\"z\":1}]}}", request_errc::malformed_json},
  };
  for (const auto& r : rows) {
    CAPTURE(r.body);
    auto parsed = json_body::parse(r.body, {"a"});
    REQUIRE_FALSE(parsed);
    CHECK(is(parsed.error(), r.error));
  }
  std::string deep(40, '[');
  CHECK(is(json_body::parse("{\"a\":" + deep + std::string(40, ']') + "}", {"a"}).error(),
           request_errc::malformed_json));
}

TEST_CASE("strict JSON keeps every value and allows a name again in another object") {
  auto v = parse_strict_json(R"({"a":{"a":[1,"s",true,null,1.5,{"a":-2}]},"b":18446744073709551615})",
                             16);
  REQUIRE(v);
  CHECK(boost::json::serialize(*v)
        == R"({"a":{"a":[1,"s",true,null,1.5E0,{"a":-2}]},"b":18446744073709551615})");
  CHECK_FALSE(parse_strict_json("{} {}", 16));
  CHECK_FALSE(parse_strict_json("", 16));
}

TEST_CASE("integer fields accept int64 and reject fractions and larger numbers") {
  auto body = json_body::parse(
    R"({"ok":-9223372036854775808,"big":9223372036854775808,"huge":1e30,"frac":1.5,"s":"1"})",
    {"ok", "big", "huge", "frac", "s"});
  REQUIRE(body);
  CHECK(*body->int_field("ok") == std::numeric_limits<std::int64_t>::min());
  CHECK(is(body->int_field("big").error(), request_errc::amount_out_of_range));
  CHECK(is(body->int_field("huge").error(), request_errc::amount_out_of_range));
  CHECK(is(body->int_field("frac").error(), request_errc::invalid_field));
  CHECK(is(body->int_field("s").error(), request_errc::invalid_field));
  CHECK(is(body->int_field("absent").error(), request_errc::missing_field));
  CHECK(*body->optional_int_field("absent") == 0);
}

TEST_CASE("failures map to stable HTTP statuses and codes") {
  struct row { failure f; int status; std::string_view code; };
  const row rows[] = {
    {make_failure(account_errc::account_not_found, ""), 404, "account_not_found"},
    {make_failure(account_errc::insufficient_funds, ""), 422, "insufficient_funds"},
    {make_failure(store_errc::version_conflict, ""), 409, "version_conflict"},
    {make_failure(store_errc::io, ""), 503, "storage_failure"},
    {make_failure(request_errc::unsupported_media_type, ""), 415, "unsupported_media_type"},
    {make_failure(runtime_errc::unavailable, ""), 503, "unavailable"},
  };
  for (const auto& r : rows) {
    CHECK(classify(r.f).status == r.status);
    CHECK(classify(r.f).code == r.code);
  }
  auto response = problem_response(make_failure(store_errc::io, "disk /dev/sda1 failed"), "r1");
  CHECK(response.content_type == "application/problem+json");
  CHECK(response.body.find("/dev/sda1") == std::string::npos);
}

TEST_CASE("traceparent yields its trace id only when well-formed") {
  CHECK(trace_id_of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        == "4bf92f3577b34da6a3ce929d0e0e4736");
  for (const char* bad : {"", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                          "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                          "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
                          "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7"})
    CHECK(trace_id_of(bad).empty());
}

TEST_CASE("an access log line is JSON with the request's facts and nothing secret") {
  request_log e{"r1", "t1", "POST", "/auth/login", 401, 1234, "127.0.0.1"};
  const auto line = to_json_line(e, 0);
  CHECK(line.find("\"request_id\":\"r1\"") != std::string::npos);
  CHECK(line.find("\"trace_id\":\"t1\"") != std::string::npos);
  CHECK(line.find("\"status\":401") != std::string::npos);
  CHECK(line.find('\n') == std::string::npos);
}

TEST_CASE("Idempotency-Key headers: RFC 8941 strings or bare tokens, short and printable") {
  CHECK(*parse_idempotency_key("\"8e03978e-40d5\"") == "8e03978e-40d5");
  CHECK(*parse_idempotency_key("abc:1") == "abc:1");
  CHECK(*parse_idempotency_key(std::string(128, 'k')) == std::string(128, 'k'));
  for (const std::string& bad : {std::string(), std::string("\"\""), std::string(129, 'k'),
                                std::string("a\"b"), std::string("a\\b"), std::string("a\tb"),
                                std::string(" a"), std::string("\xc3\xa9")}) {
    CAPTURE(bad);
    auto parsed = parse_idempotency_key(bad);
    REQUIRE_FALSE(parsed);
    CHECK(is(parsed.error(), request_errc::invalid_idempotency_key));
  }
}

TEST_CASE("a request fingerprint changes with method, path, If-Match and every body byte") {
  http_request base;
  base.method = "POST";
  base.path = "/finance/transactions";
  base.body = R"({"a":1})";
  const auto print = request_fingerprint(base);
  CHECK(print.size() == 64);
  CHECK(request_fingerprint(base) == print);
  auto other = [&](auto change) {
    auto r = base;
    change(r);
    return request_fingerprint(r);
  };
  CHECK(other([](http_request& r) { r.method = "PATCH"; }) != print);
  CHECK(other([](http_request& r) { r.path = "/finance/accounts"; }) != print);
  CHECK(other([](http_request& r) { r.if_match = "\"2\""; }) != print);
  CHECK(other([](http_request& r) { r.body = R"({"a":2})"; }) != print);
  CHECK(other([](http_request& r) { r.request_id = "another"; }) == print);
}

TEST_CASE("derived ids are stable per key and purpose and look like UUIDv8") {
  const auto id = derived_id("u:1:k", "account");
  CHECK(id == derived_id("u:1:k", "account"));
  CHECK(id != derived_id("u:1:k", "transaction"));
  CHECK(id != derived_id("u:2:k", "account"));
  CHECK(is_canonical_id(id));
  CHECK(id[14] == '8');
  CHECK((id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b'));
}

TEST_CASE("the in-flight guard holds a key until it is left") {
  idempotency_guard guard;
  CHECK(guard.try_enter("a"));
  CHECK_FALSE(guard.try_enter("a"));
  CHECK(guard.try_enter("b"));
  guard.leave("a");
  CHECK(guard.try_enter("a"));
}

TEST_CASE("a query fits a route only with the parameters it takes, each once") {
  CHECK_FALSE(query_misfit("", ""));
  CHECK_FALSE(query_misfit("&&", ""));
  CHECK_FALSE(query_misfit("limit=5&page_token=x&", "limit,page_token"));
  CHECK_FALSE(query_misfit("limit", "limit,page_token")); // a name without a value
  CHECK(query_misfit("limit=5", "").value().find("takes none") != std::string::npos);
  CHECK(query_misfit("lim=5", "limit").value().find("'lim'") != std::string::npos);
  CHECK(query_misfit("limits=5", "limit,page_token").has_value()); // a longer name is another
  CHECK(query_misfit("limit=1&limit=2", "limit").value().find("twice") != std::string::npos);
  CHECK(query_misfit(std::string(5000, 'x'), "limit").value().size() < 200); // echoed, bounded
}

TEST_CASE("the Bearer scheme and the JSON media type are read without regard to case") {
  CHECK(bearer_token("Bearer abc") == "abc");
  CHECK(bearer_token("bEaReR   abc") == "abc");
  CHECK(bearer_token("Bearerabc").empty());
  CHECK(bearer_token("Bearer ").empty());
  CHECK(bearer_token("Basic abc").empty());
  CHECK(is_json_media_type("application/json"));
  CHECK(is_json_media_type("Application/JSON ; charset=utf-8"));
  CHECK_FALSE(is_json_media_type("application/jsonx"));
  CHECK_FALSE(is_json_media_type("text/plain"));
  CHECK_FALSE(is_json_media_type(""));
}
