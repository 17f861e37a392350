//===- runtime/src/train_cli.cpp - The command line of a training binary --===//
//
// nnc_train_main, the command line of executables made by
// `nnc compile --train`:
//
//   PROGRAM --data NAME=FILE.npy... [--eval NAME=FILE.npy...] [--epochs N]
//           [--steps N] [--seed S] [--no-shuffle] [--save FILE.safetensors]
//           [--weights FILE.safetensors] [--bench N] [--help]
//
// Each epoch visits the training examples in a seeded random order, in
// batches of the size compiled into the train step (the last partial batch
// is dropped), then evaluates the held-out set with the inference entry, and
// prints one line: epoch, mean training loss, held-out accuracy, elapsed
// seconds. The whole step is native code; this loop only copies batches.
//
// Rank-0 integer inputs of the train step are random keys (of nn.dropout,
// nn.random_normal, nn.random_uniform): the driver supplies them, a fresh
// one each step derived from --seed and the step number (training_key.h),
// and takes no --data for them.
//
//===----------------------------------------------------------------------===//

#include "cli_support.h"
#include "dataset.h"
#include "model.h"
#include "nnc/runtime.h"
#include "shuffle.h"
#include "training_key.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <numeric>
#include <string>
#include <vector>

using namespace nnc::rt;

namespace {

/// The command line.
struct Options {
  NamedFiles data;
  NamedFiles eval;
  long epochs = 1;
  bool epochsGiven = false;
  long steps = 0;
  long seed = 0;
  bool shuffle = true;
  std::string save;
  std::string weights;
  long benchSteps = 0;
  bool help = false;
};

void printUsage(std::FILE *stream, const char *program) {
  std::fprintf(
      stream,
      "usage: %s --data NAME=FILE.npy... [--eval NAME=FILE.npy...]\n"
      "          [--epochs N] [--steps N] [--seed S] [--no-shuffle]\n"
      "          [--save FILE.safetensors] [--weights FILE.safetensors]\n"
      "          [--bench N] [--help]\n"
      "\n"
      "Trains the model compiled into this program: one optimizer step per\n"
      "batch, one progress line per epoch (epoch, mean training loss,\n"
      "held-out accuracy, elapsed seconds).\n"
      "\n"
      "  --data NAME=FILE     training examples for input NAME of the train\n"
      "                       step (a .npy array, examples along the first\n"
      "                       axis); one per input\n"
      "  --eval NAME=FILE     held-out examples for each input of the\n"
      "                       inference model, and the integer labels under\n"
      "                       the name of the train step's label input;\n"
      "                       accuracy is the argmax of the first output\n"
      "  --epochs N           passes over the training set (default 1; with\n"
      "                       --steps and no --epochs, as many as it takes)\n"
      "  --steps N            stop after N steps\n"
      "  --seed S             seed of the shuffling and of the random keys\n"
      "                       (default 0)\n"
      "  --no-shuffle         visit the examples in file order\n"
      "  --save FILE          write the trained params and buffers as\n"
      "                       safetensors (for nnc compile --weights)\n"
      "  --weights FILE       initial weights (default: embedded, or\n"
      "                       PROGRAM.safetensors)\n"
      "  --bench N            time N steps on the first batch after %d\n"
      "                       warm-up steps and print the latency instead\n"
      "                       of training\n"
      "\n"
      "Random keys: each rank-0 integer input of the train step (the key of\n"
      "nn.dropout, nn.random_normal, nn.random_uniform) takes no --data; the\n"
      "program supplies it, a different key each step:\n"
      "  key = mix(S * 2^32 + step + 1)\n"
      "with step counted from 0 over the run and mix splitmix64's finalizer,\n"
      "so runs with the same --seed draw the same random numbers.\n",
      program, kWarmupRuns);
}

/// After the usage of --help: the memory plans of the train step and of the
/// inference entry, as their metadata states them.
void printMemoryPlans(const nnc_model_image *trainStep,
                      const nnc_model_image *forward) {
  if (trainStep)
    std::printf("\nThis train step:\n  %s\n",
                describeMemoryPlan(*trainStep).c_str());
  if (forward)
    std::printf("Its inference entry:\n  %s\n",
                describeMemoryPlan(*forward).c_str());
}

/// Parses argv into `options`; false with `*error` set on a usage error.
bool parseArgs(int argc, char **argv, Options *options, std::string *error) {
  for (int i = 1; i < argc; ++i) {
    std::string arg, value;
    if (!readOption(argc, argv, &i, {"--help", "-h", "--no-shuffle"},
                    {"--data", "--eval", "--epochs", "--steps", "--seed",
                     "--save", "--weights", "--bench"},
                    &arg, &value, error))
      return false;
    if (arg == "--help" || arg == "-h") {
      options->help = true;
    } else if (arg == "--no-shuffle") {
      options->shuffle = false;
    } else if (arg == "--data" || arg == "--eval") {
      if (!parseNamedFile(arg, value,
                          arg == "--data" ? &options->data : &options->eval,
                          error))
        return false;
    } else if (arg == "--epochs") {
      options->epochsGiven = true;
      if (!parseCount(arg, value, 1, 1000000, &options->epochs, error))
        return false;
    } else if (arg == "--steps") {
      if (!parseCount(arg, value, 1, 1000000000, &options->steps, error))
        return false;
    } else if (arg == "--seed") {
      if (!parseCount(arg, value, 0, 0x7fffffffL, &options->seed, error))
        return false;
    } else if (arg == "--bench") {
      if (!parseCount(arg, value, 1, 1000000, &options->benchSteps, error))
        return false;
    } else if (arg == "--save") {
      options->save = value;
    } else {
      options->weights = value;
    }
  }
  return true;
}

/// The descriptions of a trainer's or a model's inputs.
std::vector<nnc_tensor_info> trainerInputs(const nnc_trainer *trainer) {
  std::vector<nnc_tensor_info> inputs(nnc_trainer_num_inputs(trainer));
  for (size_t i = 0; i < inputs.size(); ++i)
    nnc_trainer_input_info(trainer, i, &inputs[i]);
  return inputs;
}

std::vector<nnc_tensor_info> modelInputs(const nnc_model *model) {
  std::vector<nnc_tensor_info> inputs(nnc_model_num_inputs(model));
  for (size_t i = 0; i < inputs.size(); ++i)
    nnc_model_input_info(model, i, &inputs[i]);
  return inputs;
}

/// Tensors with the shapes of `inputs`, allocated (released by the owner).
nnc_status allocateBatch(const std::vector<nnc_tensor_info> &inputs,
                         std::vector<nnc_tensor> *batch) {
  for (const nnc_tensor_info &input : inputs) {
    nnc_tensor tensor = {};
    tensor.dtype = input.dtype;
    tensor.rank = input.rank;
    for (int32_t d = 0; d < input.rank; ++d)
      tensor.shape[d] = input.shape[d];
    nnc_status status = nnc_tensor_alloc(&tensor);
    if (status != NNC_OK)
      return status;
    batch->push_back(tensor);
  }
  return NNC_OK;
}

/// Tensors released when the owner goes out of scope.
struct Tensors {
  std::vector<nnc_tensor> list;
  ~Tensors() {
    for (nnc_tensor &tensor : list)
      nnc_tensor_release(&tensor);
  }
};

/// The inputs of a train step, in its order: batches of the data set's
/// inputs and the random keys the driver supplies.
class StepInputs {
public:
  StepInputs() = default;
  StepInputs(const StepInputs &) = delete;
  StepInputs &operator=(const StepInputs &) = delete;

  /// Allocates a tensor for each of `inputs` (the train step's); those that
  /// are not keys are the data set's inputs, in the same order.
  nnc_status allocate(const std::vector<nnc_tensor_info> &inputs) {
    if (nnc_status status = allocateBatch(inputs, &all_.list);
        status != NNC_OK)
      return status;
    for (size_t i = 0; i < inputs.size(); ++i)
      if (isKeyInput(inputs[i]))
        keys_.push_back(i);
      else
        batch_.push_back(all_.list[i]); // shares the data of all_'s tensor
    return NNC_OK;
  }

  /// Fills the batched inputs with the examples `indices[0, count)` of
  /// `data` and the keys with those of step `step` of a run with `seed`.
  void fill(const Dataset &data, const int64_t *indices, int64_t count,
            uint64_t seed, uint64_t step) {
    data.gather(indices, count, batch_);
    fillKeys(seed, step);
  }

  /// Sets the keys to those of step `step` of a run with `seed`.
  void fillKeys(uint64_t seed, uint64_t step) {
    for (size_t i : keys_)
      fillKey(&all_.list[i], seed, step);
  }

  const nnc_tensor *data() const { return all_.list.data(); }
  size_t size() const { return all_.list.size(); }

private:
  Tensors all_;
  /// Shallow copies of the batched tensors of all_, in data set order.
  std::vector<nnc_tensor> batch_;
  std::vector<size_t> keys_;
};

/// The inputs of the train step that the data set holds: all but the random
/// keys. Fails on a rank-0 input that is not a key, on --data for a key and
/// when nothing is left to batch.
int dataInputs(const std::vector<nnc_tensor_info> &inputs,
               const NamedFiles &files,
               std::vector<nnc_tensor_info> *batched) {
  for (const nnc_tensor_info &input : inputs) {
    const std::string name = input.name;
    if (isKeyInput(input)) {
      for (const auto &file : files)
        if (file.first == name)
          return printError(
              "--data " + name + ": input '" + name + "' (" +
              typeAndShape(input) +
              ") is a random key; the program supplies it each step from "
              "--seed and the step number, so it takes no data");
      continue;
    }
    if (input.rank == 0)
      return printError("input '" + name + "' is an " +
                        typeAndShape(input) +
                        ": training batches its inputs along a first "
                        "(batch) axis, and supplies only rank-0 integer "
                        "inputs (random keys) itself");
    batched->push_back(input);
  }
  if (batched->empty())
    return printError("the train step takes no batched input");
  return 0;
}

/// The held-out set and what evaluating it takes.
struct Evaluation {
  nnc_model *forward = nullptr;
  /// The forward model's inputs, then the labels.
  Dataset data;
  size_t labelIndex = 0;
  Tensors batch;
  Tensors outputs;
};

/// The train step's integer input that the inference model does not take:
/// the labels. Fails when there is not exactly one.
int findLabels(const std::vector<nnc_tensor_info> &stepInputs,
               const std::vector<nnc_tensor_info> &forwardInputs,
               nnc_tensor_info *labels) {
  int found = 0;
  for (const nnc_tensor_info &input : stepInputs) {
    const bool integer = input.dtype == NNC_I32 || input.dtype == NNC_I64;
    bool forwardTakes = false;
    for (const nnc_tensor_info &other : forwardInputs)
      forwardTakes = forwardTakes || std::string(other.name) == input.name;
    if (integer && !forwardTakes && input.rank == 1) {
      *labels = input;
      ++found;
    }
  }
  if (found != 1)
    return printError(
        "--eval: accuracy needs exactly one label input (a train step input "
        "of integer class indices, [batch], that the inference model does "
        "not take); the train step has " +
        std::to_string(found));
  return 0;
}

/// Loads the held-out set and checks the inference model's first output
/// holds per-class scores.
int prepareEvaluation(nnc_trainer *trainer, const Options &options,
                      Evaluation *eval) {
  if (nnc_trainer_forward(trainer, &eval->forward) != NNC_OK)
    return printError("--eval: " + std::string(nnc_last_error()));
  std::vector<nnc_tensor_info> inputs = modelInputs(eval->forward);
  nnc_tensor_info labels;
  if (int status = findLabels(trainerInputs(trainer), inputs, &labels))
    return status;
  nnc_tensor_info scores;
  nnc_model_output_info(eval->forward, 0, &scores);
  if (scores.rank != 2 || (scores.dtype != NNC_F32 && scores.dtype != NNC_F64))
    return printError("--eval: the inference model's first output, " +
                      describe(scores) +
                      ", is not [batch, classes] scores to take the argmax of");
  inputs.push_back(labels);
  eval->labelIndex = inputs.size() - 1;
  if (eval->data.load(inputs, options.eval, "--eval") != NNC_OK)
    return printError(nnc_last_error());
  inputs.pop_back();
  if (allocateBatch(inputs, &eval->batch.list) != NNC_OK)
    return printError(nnc_last_error());
  eval->outputs.list.assign(nnc_model_num_outputs(eval->forward),
                            nnc_tensor{});
  return 0;
}

/// The label of held-out example `i`.
int64_t labelAt(const nnc_tensor &labels, int64_t i) {
  if (labels.dtype == NNC_I32)
    return static_cast<const int32_t *>(labels.data)[i];
  return static_cast<const int64_t *>(labels.data)[i];
}

/// Runs the inference model over every held-out example (the last batch
/// padded) with the current params; counts the correct argmaxes.
int evaluate(nnc_trainer *trainer, Evaluation *eval, int64_t *correct) {
  if (nnc_trainer_forward(trainer, &eval->forward) != NNC_OK)
    return printError(nnc_last_error());
  const int64_t examples = eval->data.examples();
  const int64_t batchSize = eval->batch.list.front().shape[0];
  const nnc_tensor &labels = eval->data.array(eval->labelIndex);
  std::vector<int64_t> indices(static_cast<size_t>(batchSize));
  *correct = 0;
  for (int64_t first = 0; first < examples; first += batchSize) {
    const int64_t count = std::min(batchSize, examples - first);
    std::iota(indices.begin(), indices.begin() + count, first);
    for (size_t i = 0; i < eval->batch.list.size(); ++i)
      gatherRows(eval->data.array(i), indices.data(), count,
                 &eval->batch.list[i]);
    if (nnc_model_run(eval->forward, eval->batch.list.data(),
                      eval->batch.list.size(), eval->outputs.list.data(),
                      eval->outputs.list.size()) != NNC_OK)
      return printError(nnc_last_error());
    for (int64_t r = 0; r < count; ++r)
      *correct += argmaxRow(eval->outputs.list[0], r) ==
                  labelAt(labels, first + r);
  }
  return 0;
}

/// Times options.benchSteps steps on the first batch (each step with the
/// key of its step number).
int bench(nnc_trainer *trainer, const Dataset &data,
          const std::vector<nnc_tensor_info> &inputs, int64_t batchSize,
          const Options &options) {
  StepInputs batch;
  if (batch.allocate(inputs) != NNC_OK)
    return printError(nnc_last_error());
  std::vector<int64_t> order(static_cast<size_t>(batchSize));
  std::iota(order.begin(), order.end(), 0);
  const uint64_t seed = static_cast<uint64_t>(options.seed);
  batch.fill(data, order.data(), batchSize, seed, 0);
  uint64_t step = 0;
  double loss = 0;
  return benchmark(options.benchSteps, [&] {
    batch.fillKeys(seed, step++);
    return nnc_trainer_step(trainer, batch.data(), batch.size(), &loss);
  });
}

/// The training loop; returns the exit code.
int train(nnc_trainer *trainer, const Dataset &data,
          const std::vector<nnc_tensor_info> &inputs, int64_t batchSize,
          const Options &options, Evaluation *eval) {
  const int64_t examples = data.examples();
  const int64_t stepsPerEpoch = examples / batchSize;
  std::printf("training on %lld examples in batches of %lld: %lld steps per "
              "epoch (%lld examples left out)\n",
              static_cast<long long>(examples),
              static_cast<long long>(batchSize),
              static_cast<long long>(stepsPerEpoch),
              static_cast<long long>(examples % batchSize));
  StepInputs batch;
  if (batch.allocate(inputs) != NNC_OK)
    return printError(nnc_last_error());
  std::vector<int64_t> order(static_cast<size_t>(examples));
  std::iota(order.begin(), order.end(), 0);
  SplitMix64 rng(static_cast<uint64_t>(options.seed));
  const bool untilSteps = options.steps > 0 && !options.epochsGiven;
  const auto start = std::chrono::steady_clock::now();
  long taken = 0;
  for (long epoch = 1; untilSteps || epoch <= options.epochs; ++epoch) {
    if (options.shuffle)
      shuffle(order, rng);
    double lossSum = 0;
    int64_t steps = 0;
    for (; steps < stepsPerEpoch; ++steps) {
      if (options.steps > 0 && taken == options.steps)
        break;
      batch.fill(data, order.data() + steps * batchSize, batchSize,
                 static_cast<uint64_t>(options.seed),
                 static_cast<uint64_t>(taken));
      double loss = 0;
      if (nnc_trainer_step(trainer, batch.data(), batch.size(), &loss) !=
          NNC_OK)
        return printError(nnc_last_error());
      lossSum += loss;
      ++taken;
    }
    std::printf("epoch %ld", epoch);
    if (!untilSteps)
      std::printf("/%ld", options.epochs);
    std::printf(" loss %.6f", steps ? lossSum / steps : 0.0);
    if (eval) {
      int64_t correct = 0;
      if (int status = evaluate(trainer, eval, &correct))
        return status;
      const int64_t total = eval->data.examples();
      std::printf(" accuracy %.2f%% (%lld/%lld)",
                  100.0 * static_cast<double>(correct) /
                      static_cast<double>(total),
                  static_cast<long long>(correct),
                  static_cast<long long>(total));
    }
    const double elapsed = std::chrono::duration<double>(
                               std::chrono::steady_clock::now() - start)
                               .count();
    std::printf(" elapsed %.2fs\n", elapsed);
    std::fflush(stdout);
    if (options.steps > 0 && taken == options.steps)
      break;
  }
  return 0;
}

/// Creates the trainer, loads the data and trains or benchmarks.
int run(const nnc_model_image *trainStep, const nnc_model_image *forward,
        const char *program, const Options &options, nnc_trainer **trainer) {
  std::string weights = options.weights;
  if (weights.empty() && !trainStep->weights)
    weights = weightsBeside(programPath(program));
  if (nnc_trainer_create(trainStep, forward,
                         weights.empty() ? nullptr : weights.c_str(),
                         trainer) != NNC_OK)
    return printError(nnc_last_error());
  const std::vector<nnc_tensor_info> inputs = trainerInputs(*trainer);
  std::vector<nnc_tensor_info> batched;
  if (int status = dataInputs(inputs, options.data, &batched))
    return status;
  Dataset data;
  if (data.load(batched, options.data, "--data") != NNC_OK)
    return printError(nnc_last_error());
  const int64_t batchSize = batched.front().shape[0];
  if (data.examples() < batchSize)
    return printError("--data holds " + std::to_string(data.examples()) +
                      " examples, fewer than one batch (" +
                      std::to_string(batchSize) +
                      ", fixed by the model's shapes)");
  if (options.benchSteps > 0)
    return bench(*trainer, data, inputs, batchSize, options);
  Evaluation eval;
  if (!options.eval.empty())
    if (int status = prepareEvaluation(*trainer, options, &eval))
      return status;
  if (int status = train(*trainer, data, inputs, batchSize, options,
                         options.eval.empty() ? nullptr : &eval))
    return status;
  if (!options.save.empty()) {
    if (nnc_trainer_save(*trainer, options.save.c_str()) != NNC_OK)
      return printError(nnc_last_error());
    std::printf("saved the trained weights to %s\n", options.save.c_str());
  }
  return 0;
}

} // namespace

extern "C" int nnc_train_main(const nnc_model_image *train_step,
                              const nnc_model_image *forward, int argc,
                              char **argv) {
  const char *program = argc > 0 ? argv[0] : "train";
  Options options;
  std::string usage;
  if (!parseArgs(argc, argv, &options, &usage))
    return printUsageError(usage, printUsage, program);
  if (options.help) {
    printUsage(stdout, program);
    printMemoryPlans(train_step, forward);
    return 0;
  }
  if (!train_step) {
    std::fprintf(stderr, "error: nnc_train_main: no train step image\n");
    return kExitUsage;
  }
  if (options.data.empty())
    return printUsageError("no training data (--data NAME=FILE.npy)",
                           printUsage, program);
  nnc_trainer *trainer = nullptr;
  const int status = run(train_step, forward, program, options, &trainer);
  nnc_trainer_free(trainer);
  return status;
}
