//===- runtime/src/model_cli.cpp - The command line of a compiled model ---===//
//
// nnc_model_main, the command line every compiled model executable has (and
// `nnc run` gives shared-library models):
//
//   MODEL [--input NAME=FILE.npy]... [--weights FILE.safetensors]
//         [--output-dir DIR] [--bench N] [--help]
//
// It loads the model, reads its inputs from .npy files, runs it, and prints
// every output (or, with --bench, the latency). Errors print `error: ...`
// and exit 1; usage errors exit 2.
//
//===----------------------------------------------------------------------===//

#include "cli_support.h"
#include "model.h"
#include "nnc/runtime.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

using namespace nnc::rt;

namespace {

/// Outputs longer than this print only their first kMaxPrinted values.
constexpr int64_t kMaxPrinted = 200;

/// The command line.
struct Options {
  std::vector<std::pair<std::string, std::string>> inputs;
  std::string weights;
  std::string outputDir;
  long benchRuns = 0;
  bool help = false;
};

void printUsage(std::FILE *stream, const char *program) {
  std::fprintf(
      stream,
      "usage: %s [--input NAME=FILE.npy]... [--weights FILE.safetensors]\n"
      "          [--output-dir DIR] [--bench N] [--help]\n"
      "\n"
      "Runs the model compiled into this program on the given inputs and\n"
      "prints every output.\n"
      "\n"
      "  --input NAME=FILE   read input NAME from a .npy file\n"
      "  --weights FILE      read the params from this safetensors file\n"
      "                      (default: embedded, or PROGRAM.safetensors)\n"
      "  --output-dir DIR    also write each output to DIR/NAME.npy\n"
      "  --bench N           time N runs after %d warm-up runs and print\n"
      "                      the latency instead of the outputs\n",
      program, kWarmupRuns);
}

/// Parses argv into `options`; false with `*error` set on a usage error.
bool parseArgs(int argc, char **argv, Options *options, std::string *error) {
  for (int i = 1; i < argc; ++i) {
    std::string arg, value;
    if (!readOption(argc, argv, &i, {"--help", "-h"},
                    {"--input", "--weights", "--output-dir", "--bench"}, &arg,
                    &value, error))
      return false;
    if (arg == "--help" || arg == "-h") {
      options->help = true;
    } else if (arg == "--input") {
      if (!parseNamedFile(arg, value, &options->inputs, error))
        return false;
    } else if (arg == "--weights") {
      options->weights = value;
    } else if (arg == "--output-dir") {
      options->outputDir = value;
    } else if (!parseCount("--bench", value, 1, 1000000, &options->benchRuns,
                           error)) {
      return false;
    }
  }
  return true;
}

/// `x f32 8x64, y i64 8` for all inputs (or outputs) of `model`.
std::string describeAll(const nnc_model *model, bool outputs) {
  const size_t count = outputs ? nnc_model_num_outputs(model)
                               : nnc_model_num_inputs(model);
  std::string text;
  for (size_t i = 0; i < count; ++i) {
    nnc_tensor_info info;
    if (outputs)
      nnc_model_output_info(model, i, &info);
    else
      nnc_model_input_info(model, i, &info);
    text += (i ? ", " : "") + describe(info);
  }
  return text.empty() ? "none" : text;
}

/// Prints element `i` of `tensor`.
void printValue(const nnc_tensor &tensor, int64_t i) {
  switch (tensor.dtype) {
  case NNC_F32:
  case NNC_F64:
    std::printf("%g", floatAt(tensor, i));
    break;
  case NNC_I1:
  case NNC_I8:
    std::printf("%d", static_cast<const int8_t *>(tensor.data)[i]);
    break;
  case NNC_I32:
    std::printf("%d", static_cast<const int32_t *>(tensor.data)[i]);
    break;
  case NNC_I64:
    std::printf("%lld", static_cast<long long>(
                            static_cast<const int64_t *>(tensor.data)[i]));
    break;
  }
}

/// `NAME: DTYPE SHAPE`, the values, and for a 2-D float tensor the index
/// of the largest value of each row.
void printOutput(const nnc_tensor_info &info, const nnc_tensor &tensor) {
  std::printf("%s: %s\n", info.name, typeAndShape(info).c_str());
  const int64_t count = nnc_tensor_numel(&tensor);
  const int64_t shown = std::min(count, kMaxPrinted);
  for (int64_t i = 0; i < shown; ++i) {
    if (i > 0)
      std::printf(" ");
    printValue(tensor, i);
  }
  std::printf(count > shown ? " ...\n" : "\n");
  const bool isFloat = tensor.dtype == NNC_F32 || tensor.dtype == NNC_F64;
  if (tensor.rank == 2 && isFloat && tensor.shape[1] > 0) {
    std::printf("argmax per row:");
    for (int64_t row = 0; row < tensor.shape[0]; ++row)
      std::printf(" %lld", static_cast<long long>(argmaxRow(tensor, row)));
    std::printf("\n");
  }
}

/// Reads the inputs named on the command line, in the model's order.
int readInputs(const nnc_model *model, const Options &options,
               std::vector<nnc_tensor> *inputs) {
  const std::string expected = describeAll(model, /*outputs=*/false);
  const size_t count = nnc_model_num_inputs(model);
  for (const auto &given : options.inputs) {
    bool known = false;
    for (size_t i = 0; i < count; ++i) {
      nnc_tensor_info info;
      nnc_model_input_info(model, i, &info);
      known = known || given.first == info.name;
    }
    if (!known)
      return printError("unknown input '" + given.first +
                   "' (the model takes: " + expected + ")");
  }
  for (size_t i = 0; i < count; ++i) {
    nnc_tensor_info info;
    nnc_model_input_info(model, i, &info);
    const std::string *file = nullptr;
    for (const auto &given : options.inputs) {
      if (given.first == info.name) {
        if (file)
          return printError("input '" + given.first + "' given twice");
        file = &given.second;
      }
    }
    if (!file)
      return printError("missing input '" + std::string(info.name) +
                   "' (the model takes: " + expected + ")");
    nnc_tensor tensor = {};
    if (nnc_npy_read(file->c_str(), &tensor) != NNC_OK)
      return printError(nnc_last_error());
    inputs->push_back(tensor);
  }
  return 0;
}

/// Writes every output to DIR/NAME.npy ('/' in names becomes '_').
int writeOutputs(const nnc_model *model, const std::string &dir,
                 const std::vector<nnc_tensor> &outputs) {
  if (mkdir(dir.c_str(), 0777) != 0 && errno != EEXIST)
    return printError(dir + ": cannot create: " + std::strerror(errno));
  for (size_t i = 0; i < outputs.size(); ++i) {
    nnc_tensor_info info;
    nnc_model_output_info(model, i, &info);
    std::string name = info.name;
    std::replace(name.begin(), name.end(), '/', '_');
    const std::string path = dir + "/" + name + ".npy";
    if (nnc_npy_write(path.c_str(), &outputs[i]) != NNC_OK)
      return printError(nnc_last_error());
  }
  return 0;
}

/// Loads, reads inputs, runs and reports; returns the exit code.
int runModel(const nnc_model_image *image, const char *libraryPath,
             const char *argv0, const Options &options, nnc_model **model,
             std::vector<nnc_tensor> *inputs,
             std::vector<nnc_tensor> *outputs) {
  std::string weights = options.weights;
  nnc_status loaded;
  if (image) {
    if (weights.empty() && !image->weights)
      weights = nnc::rt::weightsBeside(programPath(argv0));
    loaded = nnc_model_from_image(
        image, weights.empty() ? nullptr : weights.c_str(), model);
  } else {
    loaded = nnc_model_load(libraryPath,
                            weights.empty() ? nullptr : weights.c_str(), model);
  }
  if (loaded != NNC_OK)
    return printError(nnc_last_error());
  if (int status = readInputs(*model, options, inputs))
    return status;
  outputs->assign(nnc_model_num_outputs(*model), nnc_tensor{});
  if (options.benchRuns > 0) {
    if (int status = benchmark(options.benchRuns, [&] {
          return nnc_model_run(*model, inputs->data(), inputs->size(),
                               outputs->data(), outputs->size());
        }))
      return status;
  } else {
    if (nnc_model_run(*model, inputs->data(), inputs->size(),
                      outputs->data(), outputs->size()) != NNC_OK)
      return printError(nnc_last_error());
    for (size_t i = 0; i < outputs->size(); ++i) {
      nnc_tensor_info info;
      nnc_model_output_info(*model, i, &info);
      printOutput(info, (*outputs)[i]);
    }
  }
  if (!options.outputDir.empty())
    return writeOutputs(*model, options.outputDir, *outputs);
  return 0;
}

/// --help: the usage, then the model's target, inputs, outputs and memory
/// plan as its metadata states them (no weights needed; a linked image
/// only).
int help(const nnc_model_image *image, const char *program) {
  printUsage(stdout, program);
  if (!image || !image->metadata)
    return 0;
  std::printf("\nThis model:\n");
  const std::string metadata = image->metadata;
  size_t start = 0;
  while (start < metadata.size()) {
    size_t end = metadata.find('\n', start);
    if (end == std::string::npos)
      end = metadata.size();
    const std::string line = metadata.substr(start, end - start);
    for (const char *record : {"target ", "input ", "output "})
      if (line.rfind(record, 0) == 0)
        std::printf("  %s\n", line.c_str());
    start = end + 1;
  }
  const std::string memory = describeMemoryPlan(*image);
  if (!memory.empty())
    std::printf("  %s\n", memory.c_str());
  return 0;
}

} // namespace

extern "C" int nnc_model_main(const nnc_model_image *image,
                              const char *library_path, int argc,
                              char **argv) {
  const char *program = argc > 0 ? argv[0] : "model";
  Options options;
  std::string usage;
  if (!parseArgs(argc, argv, &options, &usage))
    return printUsageError(usage, printUsage, program);
  if (options.help)
    return help(image, program);
  if (!image && !library_path) {
    std::fprintf(stderr, "error: nnc_model_main: no model image or library\n");
    return kExitUsage;
  }

  nnc_model *model = nullptr;
  std::vector<nnc_tensor> inputs, outputs;
  const int status = runModel(image, library_path, program, options, &model,
                              &inputs, &outputs);
  for (nnc_tensor &tensor : inputs)
    nnc_tensor_release(&tensor);
  for (nnc_tensor &tensor : outputs)
    nnc_tensor_release(&tensor);
  nnc_model_free(model);
  return status;
}
