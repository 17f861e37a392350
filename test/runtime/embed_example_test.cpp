//===- test/runtime/embed_example_test.cpp - Tests of embed_model.c -------===//
//
// The C example program, run as a child process on the fake model library.
//
//===----------------------------------------------------------------------===//

#include "fake_model_data.h"

#include <gtest/gtest.h>

#include <string>

using namespace nnc::test;

namespace {

TEST(EmbedExample, PrintsEveryOutput) {
  TempDir dir;
  copyProgram(kFakeModelLibrary, dir.path("affine.so"));
  writeFile(dir.path("affine.safetensors"), fakeModelWeights());
  writeFakeModelInput(dir.path("x.npy"));
  const CommandResult result = runCommand(
      {kEmbedExample, dir.path("affine.so"), "x=" + dir.path("x.npy")});
  ASSERT_EQ(result.exitCode, 0) << result.err;
  EXPECT_EQ(result.out.rfind("y: f32 2x4\n"
                             "1.5 2.5 3.5 -94 4.5 5.5 6.5 -85\n"
                             "rows: i64 scalar\n"
                             "2\n"
                             "ramp: f32 1x300\n"
                             "0 0.5 1 1.5 2",
                             0),
            0u)
      << result.out;
}

TEST(EmbedExample, ReportsErrors) {
  TempDir dir;
  CommandResult result = runCommand({kEmbedExample, dir.path("absent.so")});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.err, "error: " + dir.path("absent.so") +
                            ": cannot open: No such file or directory\n");

  copyProgram(kFakeModelLibrary, dir.path("affine.so"));
  writeFile(dir.path("affine.safetensors"), fakeModelWeights());
  result = runCommand({kEmbedExample, dir.path("affine.so")});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.err, "error: missing input x=FILE.npy\n");

  result = runCommand({kEmbedExample});
  EXPECT_EQ(result.exitCode, 2);
}

} // namespace
