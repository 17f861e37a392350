//===- runtime/src/json.cpp - A small strict JSON parser ------------------===//
//
// Recursive descent over RFC 8259, one function per production; and the
// quoting of strings for writers.
//
//===----------------------------------------------------------------------===//

#include "json.h"

#include <charconv>

namespace nnc::rt {

const JsonValue *JsonValue::find(std::string_view key) const {
  for (const auto &member : members)
    if (member.first == key)
      return &member.second;
  return nullptr;
}

std::string jsonQuote(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string quoted = "\"";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (byte < 0x20) {
      quoted += "\\u00";
      quoted += kHex[byte >> 4];
      quoted += kHex[byte & 0xf];
    } else {
      quoted += c;
    }
  }
  return quoted + "\"";
}

namespace {

class JsonParser {
public:
  explicit JsonParser(std::string_view text) : text_(text) {}

  bool parseDocument(JsonValue *out) {
    skipSpace();
    if (!parseValue(out, 0))
      return false;
    skipSpace();
    if (pos_ != text_.size())
      return failWith("unexpected text after the value");
    return true;
  }

  const std::string &error() const { return error_; }

private:
  bool failWith(const std::string &message) {
    error_ = message + " at byte " + std::to_string(pos_);
    return false;
  }

  bool atEnd() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }

  void skipSpace() {
    while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' ||
                        peek() == '\r'))
      ++pos_;
  }

  bool consume(char c) {
    if (!atEnd() && peek() == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool parseValue(JsonValue *out, int depth) {
    if (atEnd())
      return failWith("expected a value");
    switch (peek()) {
    case '{':
      return parseObject(out, depth + 1);
    case '[':
      return parseArray(out, depth + 1);
    case '"':
      out->kind = JsonValue::Kind::String;
      return parseString(&out->string);
    case 't':
      return parseLiteral("true", JsonValue::Kind::Bool, true, out);
    case 'f':
      return parseLiteral("false", JsonValue::Kind::Bool, false, out);
    case 'n':
      return parseLiteral("null", JsonValue::Kind::Null, false, out);
    default:
      return parseNumber(out);
    }
  }

  bool parseLiteral(std::string_view word, JsonValue::Kind kind, bool value,
                    JsonValue *out) {
    if (text_.substr(pos_, word.size()) != word)
      return failWith("invalid literal");
    pos_ += word.size();
    out->kind = kind;
    out->boolean = value;
    return true;
  }

  bool parseObject(JsonValue *out, int depth) {
    if (depth > kMaxJsonDepth)
      return failWith("nesting deeper than " + std::to_string(kMaxJsonDepth));
    ++pos_; // '{'
    out->kind = JsonValue::Kind::Object;
    skipSpace();
    if (consume('}'))
      return true;
    while (true) {
      skipSpace();
      if (atEnd() || peek() != '"')
        return failWith("expected a string key");
      std::string key;
      if (!parseString(&key))
        return false;
      if (out->find(key))
        return failWith("duplicate key \"" + key + "\"");
      skipSpace();
      if (!consume(':'))
        return failWith("expected ':'");
      skipSpace();
      JsonValue value;
      if (!parseValue(&value, depth))
        return false;
      out->members.emplace_back(std::move(key), std::move(value));
      skipSpace();
      if (consume('}'))
        return true;
      if (!consume(','))
        return failWith("expected ',' or '}'");
    }
  }

  bool parseArray(JsonValue *out, int depth) {
    if (depth > kMaxJsonDepth)
      return failWith("nesting deeper than " + std::to_string(kMaxJsonDepth));
    ++pos_; // '['
    out->kind = JsonValue::Kind::Array;
    skipSpace();
    if (consume(']'))
      return true;
    while (true) {
      skipSpace();
      JsonValue value;
      if (!parseValue(&value, depth))
        return false;
      out->items.push_back(std::move(value));
      skipSpace();
      if (consume(']'))
        return true;
      if (!consume(','))
        return failWith("expected ',' or ']'");
    }
  }

  /// Four hex digits of a \u escape.
  bool parseHex4(unsigned *code) {
    if (text_.size() - pos_ < 4)
      return failWith("truncated \\u escape");
    unsigned value = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[pos_++];
      value <<= 4;
      if (c >= '0' && c <= '9')
        value |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        value |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        value |= static_cast<unsigned>(c - 'A' + 10);
      else
        return failWith("invalid \\u escape");
    }
    *code = value;
    return true;
  }

  static void appendUtf8(unsigned code, std::string *out) {
    if (code < 0x80) {
      *out += static_cast<char>(code);
    } else if (code < 0x800) {
      *out += static_cast<char>(0xC0 | (code >> 6));
      *out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      *out += static_cast<char>(0xE0 | (code >> 12));
      *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      *out += static_cast<char>(0xF0 | (code >> 18));
      *out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  /// A \u escape (the "\u" already consumed), joining surrogate pairs.
  bool parseUnicodeEscape(std::string *out) {
    unsigned code = 0;
    if (!parseHex4(&code))
      return false;
    if (code >= 0xDC00 && code <= 0xDFFF)
      return failWith("unpaired low surrogate");
    if (code >= 0xD800 && code <= 0xDBFF) {
      if (text_.substr(pos_, 2) != "\\u")
        return failWith("unpaired high surrogate");
      pos_ += 2;
      unsigned low = 0;
      if (!parseHex4(&low))
        return false;
      if (low < 0xDC00 || low > 0xDFFF)
        return failWith("invalid low surrogate");
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    appendUtf8(code, out);
    return true;
  }

  bool parseString(std::string *out) {
    ++pos_; // '"'
    while (true) {
      if (atEnd())
        return failWith("unterminated string");
      const char c = text_[pos_++];
      if (c == '"')
        return true;
      if (static_cast<unsigned char>(c) < 0x20)
        return failWith("control character in string");
      if (c != '\\') {
        *out += c;
        continue;
      }
      if (atEnd())
        return failWith("unterminated string");
      const char escape = text_[pos_++];
      switch (escape) {
      case '"':
      case '\\':
      case '/':
        *out += escape;
        break;
      case 'b':
        *out += '\b';
        break;
      case 'f':
        *out += '\f';
        break;
      case 'n':
        *out += '\n';
        break;
      case 'r':
        *out += '\r';
        break;
      case 't':
        *out += '\t';
        break;
      case 'u':
        if (!parseUnicodeEscape(out))
          return false;
        break;
      default:
        --pos_;
        return failWith("invalid escape");
      }
    }
  }

  static bool isDigit(char c) { return c >= '0' && c <= '9'; }

  /// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
  bool parseNumber(JsonValue *out) {
    const size_t start = pos_;
    consume('-');
    if (atEnd() || !isDigit(peek()))
      return failWith("expected a value");
    if (!consume('0'))
      while (!atEnd() && isDigit(peek()))
        ++pos_;
    bool integral = true;
    if (consume('.')) {
      integral = false;
      if (atEnd() || !isDigit(peek()))
        return failWith("expected a digit after '.'");
      while (!atEnd() && isDigit(peek()))
        ++pos_;
    }
    if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
      integral = false;
      ++pos_;
      if (!consume('+'))
        consume('-');
      if (atEnd() || !isDigit(peek()))
        return failWith("expected a digit in the exponent");
      while (!atEnd() && isDigit(peek()))
        ++pos_;
    }
    const char *first = text_.data() + start;
    const char *last = text_.data() + pos_;
    out->kind = JsonValue::Kind::Number;
    if (integral) {
      int64_t value = 0;
      auto [end, ec] = std::from_chars(first, last, value);
      out->isInteger = ec == std::errc() && end == last;
      out->integer = value;
    }
    auto [end, ec] = std::from_chars(first, last, out->number);
    if (ec == std::errc::invalid_argument || end != last)
      return failWith("invalid number");
    return true;
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::string error_;
};

} // namespace

bool parseJson(std::string_view text, JsonValue *out, std::string *error) {
  JsonParser parser(text);
  *out = JsonValue();
  if (!parser.parseDocument(out)) {
    *error = parser.error();
    return false;
  }
  return true;
}

} // namespace nnc::rt
