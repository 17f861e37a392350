//===- test/runtime/model_main_test.cpp - Tests of nnc_model_main ---------===//
//
// The fake model linked with nnc_model_main into an executable, run as a
// child process: its output format, --output-dir, --bench, --weights, and
// its exit codes.
//
//===----------------------------------------------------------------------===//

#include "fake_model_data.h"

#include "nnc/runtime.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>

using namespace nnc::test;

namespace {

/// A copy of the model executable in a temporary directory, with its
/// default weights beside it and an input file.
class ModelExecutable : public ::testing::Test {
protected:
  void SetUp() override {
    copyProgram(kFakeModelExecutable, exe_);
    writeFile(exe_ + ".safetensors", fakeModelWeights());
    writeFakeModelInput(input_);
  }

  CommandResult run(std::vector<std::string> args) {
    args.insert(args.begin(), exe_);
    return runCommand(args);
  }

  TempDir dir_;
  const std::string exe_ = dir_.path("affine");
  const std::string input_ = dir_.path("x.npy");
};

TEST_F(ModelExecutable, PrintsEveryOutput) {
  const CommandResult result = run({"--input", "x=" + input_});
  ASSERT_EQ(result.exitCode, 0) << result.err;
  std::string ramp;
  for (int i = 0; i < 200; ++i) {
    char value[16];
    std::snprintf(value, sizeof(value), "%g", i / 2.0);
    ramp += (i ? " " : "") + std::string(value);
  }
  EXPECT_EQ(result.out, "y: f32 2x4\n"
                        "1.5 2.5 3.5 -94 4.5 5.5 6.5 -85\n"
                        "argmax per row: 2 2\n"
                        "rows: i64 scalar\n"
                        "2\n"
                        "ramp: f32 1x300\n" +
                            ramp + " ...\n" + "argmax per row: 299\n");
  EXPECT_EQ(result.err, "");
}

TEST_F(ModelExecutable, AcceptsInlineOptionValues) {
  const CommandResult result = run({"--input=x=" + input_});
  EXPECT_EQ(result.exitCode, 0) << result.err;
}

TEST_F(ModelExecutable, WritesOutputFiles) {
  const std::string outDir = dir_.path("out");
  const CommandResult result =
      run({"--input", "x=" + input_, "--output-dir", outDir});
  ASSERT_EQ(result.exitCode, 0) << result.err;
  nnc_tensor y = {};
  ASSERT_EQ(nnc_npy_read((outDir + "/y.npy").c_str(), &y), NNC_OK)
      << nnc_last_error();
  ASSERT_EQ(y.rank, 2);
  EXPECT_EQ(static_cast<float *>(y.data)[7], -85);
  nnc_tensor_release(&y);
  nnc_tensor rows = {};
  ASSERT_EQ(nnc_npy_read((outDir + "/rows.npy").c_str(), &rows), NNC_OK);
  EXPECT_EQ(rows.rank, 0);
  EXPECT_EQ(*static_cast<int64_t *>(rows.data), 2);
  nnc_tensor_release(&rows);
}

TEST_F(ModelExecutable, BenchPrintsLatency) {
  const CommandResult result = run({"--input", "x=" + input_, "--bench", "5"});
  ASSERT_EQ(result.exitCode, 0) << result.err;
  EXPECT_TRUE(std::regex_match(
      result.out,
      std::regex("latency_ms median=[0-9]+\\.[0-9]{6} min=[0-9]+\\.[0-9]{6} "
                 "runs=5 peak_rss_mib=[0-9]+\\.[0-9]\n")))
      << result.out;
}

TEST_F(ModelExecutable, TakesAWeightsFile) {
  const std::string weights = dir_.path("elsewhere.safetensors");
  writeFile(weights, fakeModelWeights());
  std::remove((exe_ + ".safetensors").c_str());
  const CommandResult result =
      run({"--input", "x=" + input_, "--weights", weights});
  EXPECT_EQ(result.exitCode, 0) << result.err;
}

TEST_F(ModelExecutable, MissingWeightsAreAnError) {
  std::remove((exe_ + ".safetensors").c_str());
  const CommandResult result = run({"--input", "x=" + input_});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.err, "error: " + exe_ +
                            ".safetensors: cannot open: No such file or "
                            "directory\n");
}

TEST_F(ModelExecutable, MissingInputNamesTheInputs) {
  const CommandResult result = run({});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.err,
            "error: missing input 'x' (the model takes: x f32 2x3)\n");
}

TEST_F(ModelExecutable, UnknownInputIsAnError) {
  const CommandResult result =
      run({"--input", "x=" + input_, "--input", "z=" + input_});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.err,
            "error: unknown input 'z' (the model takes: x f32 2x3)\n");
}

TEST_F(ModelExecutable, WrongInputShapeIsAnError) {
  const std::string wrong = dir_.path("wrong.npy");
  writeFakeModelInput(wrong, std::vector<float>(9), {3, 3});
  const CommandResult result = run({"--input", "x=" + wrong});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_EQ(result.err, "error: input 'x': expected shape 2x3 (f32), got "
                        "3x3 (f32)\n");
}

TEST_F(ModelExecutable, UnreadableInputIsAnError) {
  const CommandResult result = run({"--input", "x=" + dir_.path("no.npy")});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_NE(result.err.find("error: " + dir_.path("no.npy") +
                            ": cannot open"),
            std::string::npos)
      << result.err;
}

TEST_F(ModelExecutable, UsageErrorsExitWith2) {
  for (const std::vector<std::string> &args :
       std::vector<std::vector<std::string>>{{"--bogus"},
                                             {"--input"},
                                             {"--input", "novalue"},
                                             {"--bench", "0"},
                                             {"--bench", "many"}}) {
    const CommandResult result = run(args);
    EXPECT_EQ(result.exitCode, 2) << args[0];
    EXPECT_EQ(result.err.rfind("error: ", 0), 0u) << result.err;
    EXPECT_NE(result.err.find("usage: "), std::string::npos);
  }
}

TEST_F(ModelExecutable, HelpDescribesTheModel) {
  std::remove((exe_ + ".safetensors").c_str()); // not needed for --help
  const CommandResult result = run({"--help"});
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.out.rfind("usage: ", 0), 0u);
  EXPECT_NE(result.out.find("This model:\n"
                            "  target cpu\n"
                            "  input x f32 2x3\n"
                            "  output y f32 2x4\n"
                            "  output rows i64 scalar\n"
                            "  output ramp f32 1x300\n"),
            std::string::npos)
      << result.out;
}

} // namespace
