//===- test/runtime/metadata_test.cpp - Tests of the metadata parser ------===//
//
// The metadata text of model_abi.h: a full example, and each error.
//
//===----------------------------------------------------------------------===//

#include "metadata.h"

#include <gtest/gtest.h>

#include <string>

using nnc::rt::ArgKind;
using nnc::rt::ModelMetadata;
using nnc::rt::parseMetadata;

namespace {

/// Parses `text`, expecting `status` with a message containing `fragment`.
void expectError(const std::string &text, const std::string &fragment,
                 nnc_status status = NNC_ERROR_FORMAT) {
  ModelMetadata metadata;
  EXPECT_EQ(parseMetadata(text.c_str(), &metadata), status) << text;
  EXPECT_NE(std::string(nnc_last_error()).find(fragment), std::string::npos)
      << "text:\n" << text << "\nmessage: " << nnc_last_error();
}

TEST(Metadata, ParsesEveryRecord) {
  ModelMetadata metadata;
  ASSERT_EQ(parseMetadata("nnc-model 1\n"
                          "target nvptx\n"
                          "entry mlp\n"
                          "arena_bytes 8192\n"
                          "intermediate_bytes 12608\n"
                          "input x f32 8x64\n"
                          "param fc1.weight f64 64x128\n"
                          "input mask i1 8\n"
                          "param step i64 scalar\n"
                          "output y i32 8x10x1\n"
                          "output n i8 scalar\n",
                          &metadata),
            NNC_OK)
      << nnc_last_error();
  EXPECT_EQ(metadata.target, "nvptx");
  EXPECT_EQ(metadata.entry, "mlp");
  EXPECT_EQ(metadata.arenaBytes, 8192);
  EXPECT_EQ(metadata.intermediateBytes, 12608);
  ASSERT_EQ(metadata.inputs.size(), 2u);
  EXPECT_EQ(metadata.inputs[0].name, "x");
  EXPECT_EQ(metadata.inputs[0].dtype, NNC_F32);
  EXPECT_EQ(metadata.inputs[0].rank, 2);
  EXPECT_EQ(metadata.inputs[0].shape[1], 64);
  EXPECT_EQ(metadata.inputs[1].dtype, NNC_I1);
  ASSERT_EQ(metadata.params.size(), 2u);
  EXPECT_EQ(metadata.params[0].name, "fc1.weight");
  EXPECT_EQ(metadata.params[0].dtype, NNC_F64);
  EXPECT_EQ(metadata.params[1].rank, 0);
  ASSERT_EQ(metadata.outputs.size(), 2u);
  EXPECT_EQ(metadata.outputs[0].rank, 3);
  EXPECT_EQ(metadata.outputs[1].dtype, NNC_I8);
  // The entry's arguments keep the interleaving of the lines.
  ASSERT_EQ(metadata.arguments.size(), 6u);
  EXPECT_EQ(metadata.arguments[0].kind, ArgKind::Input);
  EXPECT_EQ(metadata.arguments[1].kind, ArgKind::Param);
  EXPECT_EQ(metadata.arguments[2].kind, ArgKind::Input);
  EXPECT_EQ(metadata.arguments[2].index, 1u);
  EXPECT_EQ(metadata.arguments[3].kind, ArgKind::Param);
  EXPECT_EQ(metadata.arguments[4].kind, ArgKind::Output);
  EXPECT_EQ(metadata.arguments[5].index, 1u);
}

TEST(Metadata, ParsesTrainStepRecords) {
  // A train step: state and buffer arguments, and outputs named after the
  // arguments they replace.
  ModelMetadata metadata;
  ASSERT_EQ(parseMetadata("nnc-model 1\n"
                          "target cpu\n"
                          "entry train_step\n"
                          "param w f32 4\n"
                          "state step f32 scalar\n"
                          "state w.exp_avg f32 4\n"
                          "input x f32 2x4\n"
                          "buffer stats f64 3\n"
                          "output w f32 4\n"
                          "output step f32 scalar\n"
                          "output w.exp_avg f32 4\n"
                          "output stats f64 3\n"
                          "output loss f32 scalar\n",
                          &metadata),
            NNC_OK)
      << nnc_last_error();
  ASSERT_EQ(metadata.states.size(), 2u);
  EXPECT_EQ(metadata.states[1].name, "w.exp_avg");
  ASSERT_EQ(metadata.buffers.size(), 1u);
  EXPECT_EQ(metadata.buffers[0].dtype, NNC_F64);
  EXPECT_EQ(metadata.buffers[0].bytes(), 24u);
  ASSERT_EQ(metadata.arguments.size(), 10u);
  EXPECT_EQ(metadata.arguments[1].kind, ArgKind::State);
  EXPECT_EQ(metadata.arguments[2].index, 1u);
  EXPECT_EQ(metadata.arguments[4].kind, ArgKind::Buffer);
  EXPECT_EQ(&metadata.decl(metadata.arguments[2]), &metadata.states[1]);
  EXPECT_TRUE(metadata.outputs[0].sameType(metadata.params[0]));
  EXPECT_FALSE(metadata.outputs[0].sameType(metadata.states[0]));
}

TEST(Metadata, AcceptsNoTrailingNewlineAndBlankLines) {
  ModelMetadata metadata;
  EXPECT_EQ(parseMetadata("nnc-model 1\n\ntarget cpu\nentry f\n"
                          "output y f32 1",
                          &metadata),
            NNC_OK)
      << nnc_last_error();
  // The memory plan is optional.
  EXPECT_EQ(metadata.arenaBytes, 0);
  EXPECT_EQ(metadata.intermediateBytes, 0);
}

TEST(Metadata, RejectsBadHeaders) {
  expectError("", "empty");
  expectError("model 1\n", "line 1: expected 'nnc-model 1'");
  expectError("nnc-model 2\ntarget cpu\n", "version 2 is not supported",
              NNC_ERROR_UNSUPPORTED);
}

TEST(Metadata, RejectsBadRecords) {
  const std::string head = "nnc-model 1\ntarget cpu\nentry f\n";
  expectError(head + "input x f16 2\noutput y f32 2\n",
              "line 4: input 'x': unknown dtype 'f16'");
  expectError(head + "input x f32 2xx3\noutput y f32 2\n",
              "line 4: input 'x': bad shape '2xx3'");
  expectError(head + "input x f32 -2\noutput y f32 2\n", "bad shape '-2'");
  expectError(head + "input x f32 1x1x1x1x1x1x1x1x1\noutput y f32 2\n",
              "rank above 8");
  expectError(head + "input x f32\noutput y f32 2\n",
              "line 4: expected 'input NAME DTYPE SHAPE'");
  expectError(head + "input x  f32 2\noutput y f32 2\n",
              "expected 'input NAME DTYPE SHAPE'");
  expectError(head + "input x f32 2\nparam x f32 2\noutput y f32 2\n",
              "line 5: duplicate argument name 'x'");
  expectError(head + "input x f32 2\noutput y f32 2\noutput y f32 2\n",
              "line 6: duplicate output name 'y'");
  expectError(head + "output y f32 2\ninput x f32 2\n",
              "line 5: input 'x' follows an output");
  expectError(head + "weights w f32 2\n", "line 4: unknown record 'weights'");
  expectError(head + "arena_bytes -64\n",
              "line 4: expected 'arena_bytes BYTES' with a decimal count");
  expectError(head + "intermediate_bytes\n",
              "line 4: expected 'intermediate_bytes BYTES'");
  expectError(head + "arena_bytes 64\narena_bytes 64\n",
              "line 5: second 'arena_bytes' line");
  expectError("nnc-model 1\ntarget tpu\n",
              "line 2: unknown target 'tpu' (expected cpu or nvptx)");
  expectError("nnc-model 1\ntarget cpu\ntarget cpu\n",
              "line 3: second 'target' line");
}

TEST(Metadata, RejectsMissingRecords) {
  expectError("nnc-model 1\nentry f\noutput y f32 1\n", "no 'target' line");
  expectError("nnc-model 1\ntarget cpu\noutput y f32 1\n", "no 'entry' line");
  expectError("nnc-model 1\ntarget cpu\nentry f\ninput x f32 1\n",
              "declares no outputs");
}

} // namespace
