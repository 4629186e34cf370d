#include "http/runtime/json_body.hpp"

#include "http/runtime/request_error.hpp"
#include "http/runtime/strict_json.hpp"

#include <algorithm>

namespace pfms {

namespace {

std::string quoted(std::string_view key) {
  return "'" + std::string(key) + "'";
}

result<std::int64_t> to_int(const boost::json::value& v, std::string_view key) {
  if (v.is_int64())
    return v.get_int64();
  if (v.is_uint64())
    return make_failure(request_errc::amount_out_of_range,
                        quoted(key) + " must fit in a signed 64-bit integer");
  if (v.is_double()) {
    const double d = v.get_double();
    if (d >= 9.2233720368547758e18 || d <= -9.2233720368547758e18)
      return make_failure(request_errc::amount_out_of_range,
                          quoted(key) + " must fit in a signed 64-bit integer");
  }
  return make_failure(request_errc::invalid_field,
                      quoted(key) + " must be an integer (minor units)");
}

} // namespace

result<json_body> json_body::parse(std::string_view text,
                                   std::initializer_list<std::string_view> allowed) {
  auto value = parse_strict_json(text, depth_max);
  if (!value || !value->is_object())
    return make_failure(request_errc::malformed_json,
                        "the body must be one JSON object (I-JSON: UTF-8, no duplicate names)");
  return of_object(*value, allowed);
}

result<json_body> json_body::of_object(const boost::json::value& value,
                                       std::initializer_list<std::string_view> allowed) {
  if (!value.is_object())
    return make_failure(request_errc::invalid_field, "expected a JSON object");
  for (const auto& entry : value.get_object()) {
    const std::string_view key = entry.key();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      return make_failure(request_errc::unknown_field, "unknown field " + quoted(key));
  }
  return json_body(value.get_object());
}

result<bool> json_body::optional_bool_field(std::string_view key) const {
  const auto* v = object_.if_contains(key);
  if (v == nullptr)
    return false;
  if (!v->is_bool())
    return make_failure(request_errc::invalid_field, quoted(key) + " must be true or false");
  return v->get_bool();
}

result<boost::json::array> json_body::optional_array_field(std::string_view key) const {
  const auto* v = object_.if_contains(key);
  if (v == nullptr)
    return boost::json::array{};
  if (!v->is_array())
    return make_failure(request_errc::invalid_field, quoted(key) + " must be an array");
  return v->get_array();
}

result<json_body> json_body::object_field(std::string_view key,
                                          std::initializer_list<std::string_view> allowed) const {
  const auto* v = object_.if_contains(key);
  if (v == nullptr)
    return make_failure(request_errc::missing_field, quoted(key) + " is required");
  if (!v->is_object())
    return make_failure(request_errc::invalid_field, quoted(key) + " must be an object");
  return of_object(*v, allowed);
}

result<std::string> json_body::string_field(std::string_view key) const {
  const auto* v = object_.if_contains(key);
  if (v == nullptr)
    return make_failure(request_errc::missing_field, quoted(key) + " is required");
  if (!v->is_string())
    return make_failure(request_errc::invalid_field, quoted(key) + " must be a string");
  return std::string(v->get_string());
}

result<std::string> json_body::optional_string_field(std::string_view key) const {
  const auto* v = object_.if_contains(key);
  if (v == nullptr)
    return std::string();
  return string_field(key);
}

result<std::int64_t> json_body::int_field(std::string_view key) const {
  const auto* v = object_.if_contains(key);
  if (v == nullptr)
    return make_failure(request_errc::missing_field, quoted(key) + " is required");
  return to_int(*v, key);
}

result<std::int64_t> json_body::optional_int_field(std::string_view key) const {
  const auto* v = object_.if_contains(key);
  if (v == nullptr)
    return std::int64_t{0};
  return to_int(*v, key);
}

} // namespace pfms
