//===- runtime/src/json.h - A small strict JSON parser --------------------===//
//
// Enough JSON for safetensors headers: RFC 8259 values into a tree (and
// string literals out, for the headers the runtime writes), with
// integers kept exact (byte offsets and extents exceed a double's mantissa).
// Strict: no comments, no trailing commas, no duplicate keys, nesting at most
// kMaxJsonDepth deep.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_JSON_H
#define NNC_RUNTIME_JSON_H

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nnc::rt {

/// Deepest nesting of arrays and objects parseJson accepts.
constexpr int kMaxJsonDepth = 64;

/// One JSON value.
struct JsonValue {
  enum class Kind { Null, Bool, Number, String, Array, Object };

  Kind kind = Kind::Null;
  bool boolean = false;
  /// The value of any Number.
  double number = 0;
  /// For a Number written as an integer that fits in int64_t: true, and its
  /// exact value in `integer`.
  bool isInteger = false;
  int64_t integer = 0;
  std::string string;
  std::vector<JsonValue> items;
  /// Object members in source order.
  std::vector<std::pair<std::string, JsonValue>> members;

  /// The member named `key` of an Object, or null.
  const JsonValue *find(std::string_view key) const;
};

/// `text` as a JSON string literal, quotes included: `"`, `\` and control
/// characters escaped, everything else (UTF-8 included) as it is.
std::string jsonQuote(std::string_view text);

/// Parses `text` (one value, surrounded by optional whitespace) into `out`.
/// On failure returns false with a message naming the byte offset in
/// `*error`.
bool parseJson(std::string_view text, JsonValue *out, std::string *error);

} // namespace nnc::rt

#endif // NNC_RUNTIME_JSON_H
