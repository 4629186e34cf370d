#pragma once

#include "events/result.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace pfms {

/// A request body read strictly: a JSON object (UTF-8, depth ≤ depth_max,
/// no comments or trailing commas) whose keys are all in the allowed list.
/// Accessors fail with a `request_errc` naming the field.
class json_body {
public:
  static constexpr std::size_t depth_max = 16;

  [[nodiscard]] static result<json_body> parse(std::string_view text,
                                               std::initializer_list<std::string_view> allowed);

  [[nodiscard]] bool has(std::string_view key) const { return object_.contains(key); }
  [[nodiscard]] result<std::string> string_field(std::string_view key) const;
  [[nodiscard]] result<std::string> optional_string_field(std::string_view key) const;
  [[nodiscard]] result<std::int64_t> int_field(std::string_view key) const;
  [[nodiscard]] result<std::int64_t> optional_int_field(std::string_view key) const;
  /// The boolean under `key`, false when absent.
  [[nodiscard]] result<bool> optional_bool_field(std::string_view key) const;
  /// The array under `key` (empty when absent); `invalid_field` when not an array.
  [[nodiscard]] result<boost::json::array> optional_array_field(std::string_view key) const;

  /// The object under `key` read with only the `allowed` keys; `missing_field`
  /// when absent, `invalid_field` when not an object.
  [[nodiscard]] result<json_body> object_field(std::string_view key,
                                               std::initializer_list<std::string_view> allowed) const;

  /// Reads `value` (an element of an array) as an object with only the
  /// `allowed` keys, for nested bodies such as split lines.
  [[nodiscard]] static result<json_body> of_object(const boost::json::value& value,
                                                   std::initializer_list<std::string_view> allowed);

private:
  explicit json_body(boost::json::object object) : object_(std::move(object)) {}
  boost::json::object object_;
};

} // namespace pfms
