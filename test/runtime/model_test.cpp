//===- test/runtime/model_test.cpp - Tests of loading and running images --===//
//
// A hand-written model image stands in for a compiled one: its entry is a
// C++ function over MLIR memref descriptors, and its weights a safetensors
// image built in the test. Covers nnc_model_from_image, the accessors,
// nnc_model_run, and their errors.
//
//===----------------------------------------------------------------------===//

#include "cuda/cuda_probe.h"
#include "memref_descriptor.h"
#include "nnc/runtime.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

using nnc::test::floatBytes;
using nnc::test::MemRef;
using nnc::test::MemRef0;
using nnc::test::makeSafetensors;
using nnc::test::TempDir;
using nnc::test::tensorView;
using nnc::test::TestTensor;

namespace {

/// The arguments the fake entry saw on its last call.
struct Seen {
  int64_t xSizes[2], xStrides[2];
  int64_t biasSize;
};
Seen seen;

/// y = x + bias + 1 (bias broadcast over rows); count = 10 * step. The
/// arguments interleave inputs and params: x, bias, step, then y, count.
void fakeEntry(void **args) {
  auto *x = static_cast<MemRef<float, 2> *>(args[0]);
  auto *bias = static_cast<MemRef<float, 1> *>(args[1]);
  auto *step = static_cast<MemRef0<int64_t> *>(args[2]);
  auto *y = static_cast<MemRef<float, 2> *>(args[3]);
  auto *count = static_cast<MemRef0<int64_t> *>(args[4]);
  seen = {{x->sizes[0], x->sizes[1]},
          {x->strides[0], x->strides[1]},
          bias->sizes[0]};
  for (int64_t i = 0; i < x->sizes[0]; ++i)
    for (int64_t j = 0; j < x->sizes[1]; ++j)
      y->aligned[i * y->strides[0] + j] =
          x->aligned[i * x->strides[0] + j] + bias->aligned[j] + 1.0f;
  *count->aligned = 10 * *step->aligned;
}

constexpr const char *kMetadata = "nnc-model 1\n"
                                  "target cpu\n"
                                  "entry fake\n"
                                  "arena_bytes 128\n"
                                  "intermediate_bytes 96\n"
                                  "input x f32 2x3\n"
                                  "param bias f32 3\n"
                                  "input step i64 scalar\n"
                                  "output y f32 2x3\n"
                                  "output count i64 scalar\n";

/// The weights of the fake model.
std::vector<uint8_t> goodWeights() {
  return makeSafetensors({{"bias", "F32", {3}, floatBytes({10, 20, 30})}});
}

/// An image with `weights` embedded (none when empty).
nnc_model_image makeImage(const std::vector<uint8_t> &weights,
                          const char *metadata = kMetadata) {
  nnc_model_image image = {};
  image.abi_version = NNC_MODEL_ABI_VERSION;
  image.metadata = metadata;
  image.entry = fakeEntry;
  image.weights = weights.empty() ? nullptr : weights.data();
  image.weights_size = weights.size();
  return image;
}

/// Loads `image`, expecting `status` with a message containing `fragment`.
void expectLoadError(const nnc_model_image &image, const char *weightsPath,
                     nnc_status status, const std::string &fragment) {
  nnc_model *model = nullptr;
  EXPECT_EQ(nnc_model_from_image(&image, weightsPath, &model), status);
  EXPECT_EQ(model, nullptr);
  EXPECT_NE(std::string(nnc_last_error()).find(fragment), std::string::npos)
      << "message: " << nnc_last_error();
}

/// A loaded fake model and valid inputs for it.
class FakeModel : public ::testing::Test {
protected:
  void SetUp() override {
    image_ = makeImage(weights_);
    ASSERT_EQ(nnc_model_from_image(&image_, nullptr, &model_), NNC_OK)
        << nnc_last_error();
    inputs_[0] = tensorView(NNC_F32, {2, 3}, x_);
    inputs_[1] = tensorView(NNC_I64, {}, &step_);
  }
  void TearDown() override { nnc_model_free(model_); }

  /// Runs with `inputs_`, expecting `status` and a message with `fragment`.
  void expectRunError(nnc_tensor *outputs, size_t numOutputs,
                      const std::string &fragment, size_t numInputs = 2) {
    EXPECT_EQ(nnc_model_run(model_, inputs_, numInputs, outputs, numOutputs),
              NNC_ERROR_INVALID_ARGUMENT);
    EXPECT_NE(std::string(nnc_last_error()).find(fragment), std::string::npos)
        << "message: " << nnc_last_error();
  }

  std::vector<uint8_t> weights_ = goodWeights();
  nnc_model_image image_ = {};
  nnc_model *model_ = nullptr;
  float x_[6] = {0, 1, 2, 3, 4, 5};
  int64_t step_ = 7;
  nnc_tensor inputs_[2] = {};
};

TEST_F(FakeModel, DescribesItself) {
  EXPECT_STREQ(nnc_model_target(model_), "cpu");
  EXPECT_EQ(nnc_model_arena_bytes(model_), 128u);
  EXPECT_EQ(nnc_model_intermediate_bytes(model_), 96u);
  EXPECT_EQ(nnc_model_arena_bytes(nullptr), 0u);
  ASSERT_EQ(nnc_model_num_inputs(model_), 2u);
  ASSERT_EQ(nnc_model_num_outputs(model_), 2u);
  nnc_tensor_info info;
  ASSERT_EQ(nnc_model_input_info(model_, 1, &info), NNC_OK);
  EXPECT_STREQ(info.name, "step");
  EXPECT_EQ(info.dtype, NNC_I64);
  EXPECT_EQ(info.rank, 0);
  ASSERT_EQ(nnc_model_output_info(model_, 0, &info), NNC_OK);
  EXPECT_STREQ(info.name, "y");
  EXPECT_EQ(info.rank, 2);
  EXPECT_EQ(info.shape[0], 2);
  EXPECT_EQ(info.shape[1], 3);
  EXPECT_EQ(nnc_model_output_info(model_, 2, &info),
            NNC_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(nnc_last_error()).find("output index 2 is out of "
                                               "range (the model has 2 "
                                               "outputs)"),
            std::string::npos);
}

TEST_F(FakeModel, RunsAndAllocatesOutputs) {
  nnc_tensor outputs[2] = {};
  ASSERT_EQ(nnc_model_run(model_, inputs_, 2, outputs, 2), NNC_OK)
      << nnc_last_error();
  EXPECT_EQ(seen.xSizes[0], 2);
  EXPECT_EQ(seen.xSizes[1], 3);
  EXPECT_EQ(seen.xStrides[0], 3);
  EXPECT_EQ(seen.xStrides[1], 1);
  EXPECT_EQ(seen.biasSize, 3);
  ASSERT_EQ(outputs[0].dtype, NNC_F32);
  ASSERT_EQ(outputs[0].rank, 2);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(outputs[0].data) % 64, 0u);
  const auto *y = static_cast<const float *>(outputs[0].data);
  const float expected[6] = {11, 22, 33, 14, 25, 36};
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(y[i], expected[i]);
  EXPECT_EQ(outputs[1].rank, 0);
  EXPECT_EQ(*static_cast<const int64_t *>(outputs[1].data), 70);
  nnc_tensor_release(&outputs[0]);
  nnc_tensor_release(&outputs[1]);
}

TEST_F(FakeModel, WritesIntoCallerOutputs) {
  float y[6] = {};
  int64_t count = 0;
  nnc_tensor outputs[2] = {tensorView(NNC_F32, {2, 3}, y),
                           tensorView(NNC_I64, {}, &count)};
  ASSERT_EQ(nnc_model_run(model_, inputs_, 2, outputs, 2), NNC_OK)
      << nnc_last_error();
  EXPECT_EQ(outputs[0].data, y);
  EXPECT_EQ(y[5], 36);
  EXPECT_EQ(count, 70);
}

TEST_F(FakeModel, RejectsWrongInputCounts) {
  nnc_tensor outputs[2] = {};
  expectRunError(outputs, 2, "expected 2 inputs (x, step), got 1", 1);
  expectRunError(outputs, 1, "expected 2 outputs (y, count), got 1");
}

TEST_F(FakeModel, RejectsWrongInputShapes) {
  nnc_tensor outputs[2] = {};
  float wide[8] = {};
  inputs_[0] = tensorView(NNC_F32, {2, 4}, wide);
  expectRunError(outputs, 2,
                 "input 'x': expected shape 2x3 (f32), got 2x4 (f32)");
  inputs_[0] = tensorView(NNC_F32, {6}, x_);
  expectRunError(outputs, 2, "input 'x': expected shape 2x3 (f32), got 6 "
                             "(f32)");
  inputs_[0] = tensorView(NNC_F32, {2, 3}, x_);
  inputs_[1] = tensorView(NNC_I64, {1}, &step_);
  expectRunError(outputs, 2,
                 "input 'step': expected shape scalar (i64), got 1 (i64)");
  inputs_[1].rank = 12;
  expectRunError(outputs, 2, "input 'step': expected shape scalar (i64), got "
                             "rank 12");
  EXPECT_EQ(outputs[0].data, nullptr); // nothing allocated on failure
}

TEST_F(FakeModel, RejectsWrongInputDtypes) {
  nnc_tensor outputs[2] = {};
  double wide[6] = {};
  inputs_[0] = tensorView(NNC_F64, {2, 3}, wide);
  expectRunError(outputs, 2,
                 "input 'x': expected shape 2x3 (f32), got 2x3 (f64)");
}

TEST_F(FakeModel, RejectsNullInputData) {
  nnc_tensor outputs[2] = {};
  inputs_[0].data = nullptr;
  expectRunError(outputs, 2, "input 'x': data is null");
}

TEST_F(FakeModel, RejectsMismatchedCallerOutputs) {
  float y[4] = {};
  nnc_tensor outputs[2] = {tensorView(NNC_F32, {2, 2}, y), {}};
  expectRunError(outputs, 2,
                 "output 'y': expected shape 2x3 (f32), got 2x2 (f32)");
}

TEST(ModelImage, ReadsWeightsFromAFile) {
  TempDir dir;
  nnc::test::writeFile(dir.path("w.safetensors"), goodWeights());
  const nnc_model_image image = makeImage({});
  nnc_model *model = nullptr;
  ASSERT_EQ(nnc_model_from_image(&image, dir.path("w.safetensors").c_str(),
                                 &model),
            NNC_OK)
      << nnc_last_error();
  nnc_model_free(model);
}

TEST(ModelImage, FileWeightsOverrideEmbeddedOnes) {
  TempDir dir;
  nnc::test::writeFile(dir.path("w.safetensors"), std::string("junk"));
  const std::vector<uint8_t> weights = goodWeights();
  const nnc_model_image image = makeImage(weights);
  expectLoadError(image, dir.path("w.safetensors").c_str(), NNC_ERROR_FORMAT,
                  "w.safetensors: truncated safetensors file: 4 bytes");
}

TEST(ModelImage, ExternalWeightsNeedAPath) {
  expectLoadError(makeImage({}), nullptr, NNC_ERROR_INVALID_ARGUMENT,
                  "compiled with external weights");
}

TEST(ModelImage, MissingWeightsFileIsAnIoError) {
  TempDir dir;
  expectLoadError(makeImage({}), dir.path("absent.safetensors").c_str(),
                  NNC_ERROR_IO, "absent.safetensors: cannot open");
}

TEST(ModelImage, MissingParamIsNamed) {
  const std::vector<uint8_t> weights =
      makeSafetensors({{"other", "F32", {3}, floatBytes({1, 2, 3})}});
  expectLoadError(makeImage(weights), nullptr, NNC_ERROR_FORMAT,
                  "param 'bias' is missing from embedded weights");
}

TEST(ModelImage, WrongParamShapeIsNamed) {
  const std::vector<uint8_t> weights =
      makeSafetensors({{"bias", "F32", {1, 3}, floatBytes({1, 2, 3})}});
  expectLoadError(makeImage(weights), nullptr, NNC_ERROR_FORMAT,
                  "param 'bias': embedded weights holds shape 1x3, the model "
                  "expects 3");
}

TEST(ModelImage, WrongParamDtypeIsNamed) {
  const std::vector<uint8_t> weights =
      makeSafetensors({{"bias", "I32", {3}, std::vector<uint8_t>(12, 0)}});
  expectLoadError(makeImage(weights), nullptr, NNC_ERROR_FORMAT,
                  "param 'bias': embedded weights holds dtype I32, the model "
                  "expects F32 (f32)");
}

TEST(ModelImage, TruncatedWeightsFileIsAFormatError) {
  TempDir dir;
  std::vector<uint8_t> weights = goodWeights();
  weights.resize(weights.size() - 1);
  nnc::test::writeFile(dir.path("w.safetensors"), weights);
  expectLoadError(makeImage({}), dir.path("w.safetensors").c_str(),
                  NNC_ERROR_FORMAT, "w.safetensors: tensor 'bias' has "
                                    "data_offsets [0, 12] past the end");
}

TEST(ModelImage, OffsetsOutOfRangeAreAFormatError) {
  const std::vector<uint8_t> weights = nnc::test::makeSafetensorsRaw(
      R"({"bias":{"dtype":"F32","shape":[3],"data_offsets":[4,16]}})",
      floatBytes({1, 2, 3}));
  expectLoadError(makeImage(weights), nullptr, NNC_ERROR_FORMAT,
                  "data_offsets [4, 16] past the end of the data (12 bytes");
}

TEST(ModelImage, WrongAbiVersionIsUnsupported) {
  nnc_model_image image = makeImage(goodWeights());
  image.abi_version = NNC_MODEL_ABI_VERSION + 1;
  expectLoadError(image, nullptr, NNC_ERROR_UNSUPPORTED, "model ABI version");
}

TEST(ModelImage, BadMetadataIsAFormatError) {
  expectLoadError(makeImage(goodWeights(), "nnc-model 1\ntarget cpu\n"),
                  nullptr, NNC_ERROR_FORMAT, "no 'entry' line");
}

TEST(ModelImage, ModelsWithoutParamsNeedNoWeights) {
  const nnc_model_image image = makeImage(
      {}, "nnc-model 1\ntarget cpu\nentry f\ninput x f32 2\noutput y f32 2\n");
  nnc_model *model = nullptr;
  ASSERT_EQ(nnc_model_from_image(&image, nullptr, &model), NNC_OK)
      << nnc_last_error();
  nnc_model_free(model);
}

TEST(ModelImage, GpuModelsNeedADevice) {
  const char *metadata =
      "nnc-model 1\ntarget nvptx\nentry f\ninput x f32 2\noutput y f32 2\n";
  const nnc_model_image image = makeImage({}, metadata);
  nnc_model *model = nullptr;
  ASSERT_EQ(nnc_model_from_image(&image, nullptr, &model), NNC_OK)
      << nnc_last_error();
  EXPECT_STREQ(nnc_model_target(model), "nvptx");
  // Where a GPU exists the run would go ahead; only the refusal is checked.
  char message[256];
  if (nnc_cuda_probe(message, sizeof(message)) != 0) {
    float x[2] = {1, 2};
    nnc_tensor input = tensorView(NNC_F32, {2}, x);
    nnc_tensor output = {};
    EXPECT_EQ(nnc_model_run(model, &input, 1, &output, 1), NNC_ERROR_DEVICE);
    EXPECT_NE(std::string(nnc_last_error()).find(message), std::string::npos)
        << nnc_last_error();
    EXPECT_EQ(output.data, nullptr);
  }
  nnc_model_free(model);
}

/// How often derivedPrepare ran.
int prepareCalls = 0;

/// twice_w = 2 * w, for the derived-tensor image (args: w, then twice_w).
void derivedPrepare(void **args) {
  auto *w = static_cast<MemRef<float, 1> *>(args[0]);
  auto *twice = static_cast<MemRef<float, 1> *>(args[1]);
  for (int64_t i = 0; i < w->sizes[0]; ++i)
    twice->aligned[i] = 2 * w->aligned[i];
  ++prepareCalls;
}

/// y = x + twice_w (args: x, w, twice_w, y).
void derivedEntry(void **args) {
  auto *x = static_cast<MemRef<float, 1> *>(args[0]);
  auto *twice = static_cast<MemRef<float, 1> *>(args[2]);
  auto *y = static_cast<MemRef<float, 1> *>(args[3]);
  for (int64_t i = 0; i < x->sizes[0]; ++i)
    y->aligned[i] = x->aligned[i] + twice->aligned[i];
}

constexpr const char *kDerivedMetadata = "nnc-model 1\n"
                                         "target cpu\n"
                                         "entry derived\n"
                                         "input x f32 3\n"
                                         "param w f32 3\n"
                                         "derived twice_w f32 3\n"
                                         "output y f32 3\n";

TEST(ModelImage, PreparesDerivedTensorsOncePerLoad) {
  const std::vector<uint8_t> weights =
      makeSafetensors({{"w", "F32", {3}, floatBytes({1, 2, 3})}});
  nnc_model_image image = makeImage(weights, kDerivedMetadata);
  image.entry = derivedEntry;
  image.prepare = derivedPrepare;
  prepareCalls = 0;
  nnc_model *model = nullptr;
  ASSERT_EQ(nnc_model_from_image(&image, nullptr, &model), NNC_OK)
      << nnc_last_error();
  EXPECT_EQ(prepareCalls, 1);
  // Derived tensors are no inputs the caller passes.
  EXPECT_EQ(nnc_model_num_inputs(model), 1u);
  float x[3] = {10, 20, 30};
  nnc_tensor input = tensorView(NNC_F32, {3}, x);
  for (int run = 0; run < 2; ++run) {
    nnc_tensor output = {};
    ASSERT_EQ(nnc_model_run(model, &input, 1, &output, 1), NNC_OK)
        << nnc_last_error();
    const float *y = static_cast<const float *>(output.data);
    EXPECT_EQ(y[0], 12);
    EXPECT_EQ(y[1], 24);
    EXPECT_EQ(y[2], 36);
    nnc_tensor_release(&output);
  }
  EXPECT_EQ(prepareCalls, 1);
  nnc_model_free(model);
}

TEST(ModelImage, DerivedTensorsNeedAPrepareFunction) {
  const std::vector<uint8_t> weights =
      makeSafetensors({{"w", "F32", {3}, floatBytes({1, 2, 3})}});
  nnc_model_image image = makeImage(weights, kDerivedMetadata);
  expectLoadError(image, nullptr, NNC_ERROR_FORMAT,
                  "declares derived tensors but has no prepare function");
}

} // namespace
