//===- test/runtime/json_test.cpp - Tests of the JSON parser --------------===//
//
// What safetensors headers need, and the strictness the parser promises.
//
//===----------------------------------------------------------------------===//

#include "json.h"

#include <gtest/gtest.h>

#include <string>

using nnc::rt::JsonValue;
using nnc::rt::parseJson;

namespace {

/// Parses `text`, expecting failure with a message containing `fragment`.
void expectError(const std::string &text, const std::string &fragment) {
  JsonValue value;
  std::string error;
  EXPECT_FALSE(parseJson(text, &value, &error)) << text;
  EXPECT_NE(error.find(fragment), std::string::npos)
      << "text: " << text << "\nerror: " << error;
}

TEST(Json, ParsesASafetensorsHeader) {
  JsonValue value;
  std::string error;
  ASSERT_TRUE(parseJson(R"json(
    {"__metadata__": {"format": "pt"},
     "fc.weight": {"dtype": "F32", "shape": [2, 3],
                   "data_offsets": [0, 24]}}   )json",
                        &value, &error))
      << error;
  ASSERT_EQ(value.kind, JsonValue::Kind::Object);
  ASSERT_EQ(value.members.size(), 2u);
  EXPECT_EQ(value.members[0].first, "__metadata__");
  const JsonValue *tensor = value.find("fc.weight");
  ASSERT_NE(tensor, nullptr);
  EXPECT_EQ(tensor->find("dtype")->string, "F32");
  const JsonValue *offsets = tensor->find("data_offsets");
  ASSERT_EQ(offsets->items.size(), 2u);
  EXPECT_TRUE(offsets->items[1].isInteger);
  EXPECT_EQ(offsets->items[1].integer, 24);
  EXPECT_EQ(value.find("absent"), nullptr);
}

TEST(Json, KeepsLargeIntegersExact) {
  JsonValue value;
  std::string error;
  ASSERT_TRUE(parseJson("[9007199254740993, -5, 1.5, 2e3]", &value, &error));
  EXPECT_TRUE(value.items[0].isInteger);
  EXPECT_EQ(value.items[0].integer, 9007199254740993LL);
  EXPECT_EQ(value.items[1].integer, -5);
  EXPECT_FALSE(value.items[2].isInteger);
  EXPECT_DOUBLE_EQ(value.items[2].number, 1.5);
  EXPECT_FALSE(value.items[3].isInteger);
  EXPECT_DOUBLE_EQ(value.items[3].number, 2000);
  // Beyond int64_t: still a number, but not an exact integer.
  ASSERT_TRUE(parseJson("18446744073709551616", &value, &error));
  EXPECT_FALSE(value.isInteger);
}

TEST(Json, DecodesEscapes) {
  JsonValue value;
  std::string error;
  ASSERT_TRUE(parseJson(R"json("a\"b\\c\/\n\t\u00e9\ud83d\ude00")json",
                        &value, &error))
      << error;
  EXPECT_EQ(value.string, "a\"b\\c/\n\t\xc3\xa9\xf0\x9f\x98\x80");
}

TEST(Json, ParsesLiterals) {
  JsonValue value;
  std::string error;
  ASSERT_TRUE(parseJson("[true, false, null, [], {}]", &value, &error));
  EXPECT_TRUE(value.items[0].boolean);
  EXPECT_EQ(value.items[1].kind, JsonValue::Kind::Bool);
  EXPECT_EQ(value.items[2].kind, JsonValue::Kind::Null);
  EXPECT_EQ(value.items[3].kind, JsonValue::Kind::Array);
  EXPECT_EQ(value.items[4].kind, JsonValue::Kind::Object);
}

TEST(Json, RejectsMalformedText) {
  expectError("", "expected a value");
  expectError("{\"a\": 1,}", "expected a string key");
  expectError("[1, 2,]", "expected a value");
  expectError("{\"a\" 1}", "expected ':'");
  expectError("{\"a\": 1} x", "unexpected text after the value");
  expectError("\"open", "unterminated string");
  expectError("\"bad \\q escape\"", "invalid escape");
  expectError("\"\\ud800\"", "unpaired high surrogate");
  expectError("\"tab\there\"", "control character");
  expectError("01", "unexpected text");
  expectError("1.", "expected a digit after '.'");
  expectError("tru", "invalid literal");
  expectError("{\"a\": 1, \"a\": 2}", "duplicate key \"a\"");
}

TEST(Json, NamesTheByteOffset) {
  expectError("[1, ?]", "at byte 4");
}

TEST(Json, LimitsNesting) {
  const std::string deep(nnc::rt::kMaxJsonDepth + 1, '[');
  expectError(deep, "nesting deeper than 64");
  std::string ok(nnc::rt::kMaxJsonDepth, '[');
  ok += std::string(nnc::rt::kMaxJsonDepth, ']');
  JsonValue value;
  std::string error;
  EXPECT_TRUE(parseJson(ok, &value, &error)) << error;
}

} // namespace
