//===- test/runtime/training_key_test.cpp - Tests of the training keys ----===//
//
// The keys the training driver gives a train step's random-key inputs: the
// values of scripts/counter_random.py's training_key (the golden-data
// scripts' copy), distinct over steps and seeds, never 0, and stored in
// i64 and i32 key tensors; which inputs count as keys.
//
//===----------------------------------------------------------------------===//

#include "training_key.h"

#include <gtest/gtest.h>

#include <set>

using nnc::rt::fillKey;
using nnc::rt::isKeyInput;
using nnc::rt::trainingKey;

namespace {

TEST(TrainingKey, MatchesThePythonReference) {
  // scripts/counter_random.py: training_key(seed, step) & (2**64 - 1).
  EXPECT_EQ(trainingKey(0, 0), 0x5692161d100b05e5ull);
  EXPECT_EQ(trainingKey(0, 1), 0xdbd238973a2b148aull);
  EXPECT_EQ(trainingKey(1, 0), 0x106e11b2223f6961ull);
  EXPECT_EQ(trainingKey(2147483647, 4294967294), 0x5a682afe7965debdull);
}

TEST(TrainingKey, DiffersAcrossStepsAndSeeds) {
  std::set<uint64_t> keys;
  for (uint64_t seed : {0, 1, 2, 12345})
    for (uint64_t step = 0; step < 1000; ++step)
      keys.insert(trainingKey(seed, step));
  EXPECT_EQ(keys.size(), 4000u);
  EXPECT_EQ(keys.count(0), 0u);
}

TEST(TrainingKey, FillsI64AndI32Keys) {
  int64_t wide = 0;
  nnc_tensor key64 = {NNC_I64, 0, {}, &wide};
  fillKey(&key64, 3, 7);
  EXPECT_EQ(static_cast<uint64_t>(wide), trainingKey(3, 7));
  int32_t narrow = 0;
  nnc_tensor key32 = {NNC_I32, 0, {}, &narrow};
  fillKey(&key32, 3, 7);
  EXPECT_EQ(static_cast<uint32_t>(narrow),
            static_cast<uint32_t>(trainingKey(3, 7)));
}

TEST(TrainingKey, KeysAreRankZeroIntegers) {
  EXPECT_TRUE(isKeyInput({"key", NNC_I64, 0, {}}));
  EXPECT_TRUE(isKeyInput({"key", NNC_I32, 0, {}}));
  EXPECT_FALSE(isKeyInput({"temperature", NNC_F32, 0, {}}));
  EXPECT_FALSE(isKeyInput({"flag", NNC_I1, 0, {}}));
  EXPECT_FALSE(isKeyInput({"labels", NNC_I64, 1, {4}}));
}

} // namespace
