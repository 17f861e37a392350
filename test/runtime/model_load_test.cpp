//===- test/runtime/model_load_test.cpp - Tests of nnc_model_load ---------===//
//
// Loading the fake model as a shared library: where its weights come from,
// running it, and the errors of loading something that is not a model.
//
//===----------------------------------------------------------------------===//

#include "fake_model_data.h"

#include "nnc/runtime.h"

#include <gtest/gtest.h>

#include <string>

using namespace nnc::test;

namespace {

/// Loads `library`, expecting `status` with a message containing `fragment`.
void expectLoadError(const std::string &library, const char *weights,
                     nnc_status status, const std::string &fragment) {
  nnc_model *model = nullptr;
  EXPECT_EQ(nnc_model_load(library.c_str(), weights, &model), status);
  EXPECT_EQ(model, nullptr);
  EXPECT_NE(std::string(nnc_last_error()).find(fragment), std::string::npos)
      << "message: " << nnc_last_error();
}

/// Runs `model` on the fake input and checks y.
void expectFakeOutputs(nnc_model *model) {
  std::vector<float> x = fakeModelInput();
  nnc_tensor input = {};
  input.dtype = NNC_F32;
  input.rank = 2;
  input.shape[0] = 2;
  input.shape[1] = 3;
  input.data = x.data();
  nnc_tensor outputs[3] = {};
  ASSERT_EQ(nnc_model_run(model, &input, 1, outputs, 3), NNC_OK)
      << nnc_last_error();
  const auto *y = static_cast<const float *>(outputs[0].data);
  for (size_t i = 0; i < fakeModelOutput().size(); ++i)
    EXPECT_EQ(y[i], fakeModelOutput()[i]) << "y[" << i << "]";
  EXPECT_EQ(*static_cast<const int64_t *>(outputs[1].data), 2);
  for (nnc_tensor &output : outputs)
    nnc_tensor_release(&output);
}

TEST(ModelLoad, FindsWeightsBesideTheLibrary) {
  TempDir dir;
  copyProgram(kFakeModelLibrary, dir.path("affine.so"));
  writeFile(dir.path("affine.safetensors"), fakeModelWeights());
  nnc_model *model = nullptr;
  ASSERT_EQ(nnc_model_load(dir.path("affine.so").c_str(), nullptr, &model),
            NNC_OK)
      << nnc_last_error();
  EXPECT_STREQ(nnc_model_target(model), "cpu");
  EXPECT_EQ(nnc_model_num_outputs(model), 3u);
  expectFakeOutputs(model);
  nnc_model_free(model);
}

TEST(ModelLoad, TakesAnExplicitWeightsFile) {
  TempDir dir;
  writeFile(dir.path("other.safetensors"), fakeModelWeights());
  nnc_model *model = nullptr;
  ASSERT_EQ(nnc_model_load(kFakeModelLibrary,
                           dir.path("other.safetensors").c_str(), &model),
            NNC_OK)
      << nnc_last_error();
  expectFakeOutputs(model);
  nnc_model_free(model);
}

TEST(ModelLoad, MissingDefaultWeightsAreNamed) {
  TempDir dir;
  copyProgram(kFakeModelLibrary, dir.path("affine.so"));
  expectLoadError(dir.path("affine.so"), nullptr, NNC_ERROR_IO,
                  "affine.safetensors: cannot open: No such file");
}

TEST(ModelLoad, MissingLibraryIsAnIoError) {
  TempDir dir;
  expectLoadError(dir.path("absent.so"), nullptr, NNC_ERROR_IO,
                  "absent.so: cannot open: No such file or directory");
}

TEST(ModelLoad, NonLibraryIsAFormatError) {
  TempDir dir;
  writeFile(dir.path("text.so"), std::string("not an ELF file\n"));
  expectLoadError(dir.path("text.so"), nullptr, NNC_ERROR_FORMAT,
                  "text.so: cannot load the model library");
}

TEST(ModelLoad, LibraryWithoutAnImageIsAFormatError) {
  expectLoadError(kNotAModelLibrary, nullptr, NNC_ERROR_FORMAT,
                  "no 'nnc_compiled_model' symbol");
}

TEST(ModelLoad, WeightErrorsNameTheLibrary) {
  TempDir dir;
  copyProgram(kFakeModelLibrary, dir.path("affine.so"));
  writeFile(dir.path("affine.safetensors"),
            makeSafetensors({{"w", "F32", {4, 3}, floatBytes(
                                                      std::vector<float>(12))},
                             {"b", "F32", {4}, floatBytes({1, 2, 3, 4})}}));
  expectLoadError(dir.path("affine.so"), nullptr, NNC_ERROR_FORMAT,
                  "affine.so: param 'w': " + dir.path("affine.safetensors") +
                      " holds shape 4x3, the model expects 3x4");
}

} // namespace
