/*===- nnc/runtime.h - C API for loading and running compiled models ------===*
 *
 * The runtime loads a model compiled by `nnc compile`, describes its inputs
 * and outputs, checks the tensors a caller passes against that description,
 * and runs it. It has no LLVM or MLIR dependency.
 *
 * Every fallible call returns an `nnc_status`; anything other than NNC_OK
 * leaves a message for the calling thread in `nnc_last_error()`.
 *
 *   nnc_model *m;
 *   if (nnc_model_load("mlp.so", NULL, &m) != NNC_OK)
 *     fprintf(stderr, "%s\n", nnc_last_error());
 *===----------------------------------------------------------------------===*/
#ifndef NNC_RUNTIME_H
#define NNC_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#include "nnc/model_abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Largest tensor rank the runtime handles. */
#define NNC_MAX_RANK 8

typedef enum nnc_status {
  NNC_OK = 0,
  NNC_ERROR_INVALID_ARGUMENT = 1, /**< a bad call: wrong count, shape, dtype */
  NNC_ERROR_IO = 2,               /**< a file is missing or unreadable */
  NNC_ERROR_FORMAT = 3,           /**< a file or image is malformed */
  NNC_ERROR_UNSUPPORTED = 4,      /**< valid, but not something nnc handles */
  NNC_ERROR_DEVICE = 5,           /**< the GPU driver or device failed */
  NNC_ERROR_OUT_OF_MEMORY = 6,
} nnc_status;

typedef enum nnc_dtype {
  NNC_F32 = 0,
  NNC_F64 = 1,
  NNC_I1 = 2,
  NNC_I8 = 3,
  NNC_I32 = 4,
  NNC_I64 = 5,
} nnc_dtype;

/** A dense row-major tensor. The runtime never frees `data` it did not
 *  allocate; tensors it fills (run outputs, .npy reads) are released with
 *  nnc_tensor_release. */
typedef struct nnc_tensor {
  nnc_dtype dtype;
  int32_t rank;
  int64_t shape[NNC_MAX_RANK];
  void *data;
} nnc_tensor;

/** The description of one model input or output. `name` lives as long as the
 *  model. */
typedef struct nnc_tensor_info {
  const char *name;
  nnc_dtype dtype;
  int32_t rank;
  int64_t shape[NNC_MAX_RANK];
} nnc_tensor_info;

typedef struct nnc_model nnc_model;

/** The message of the last failed call on this thread ("" if none). */
const char *nnc_last_error(void);

/** Name of a dtype ("f32", ...), size of one element in bytes. */
const char *nnc_dtype_name(nnc_dtype dtype);
size_t nnc_dtype_size(nnc_dtype dtype);
/** Number of elements and bytes of a tensor. */
int64_t nnc_tensor_numel(const nnc_tensor *tensor);
size_t nnc_tensor_nbytes(const nnc_tensor *tensor);
/** Allocates zeroed data for `tensor` (dtype, rank and shape already set). */
nnc_status nnc_tensor_alloc(nnc_tensor *tensor);
/** Frees data allocated by the runtime and clears the pointer. */
void nnc_tensor_release(nnc_tensor *tensor);

/** Reads a .npy file (little-endian, C order, dtypes above). */
nnc_status nnc_npy_read(const char *path, nnc_tensor *out);
/** Writes a tensor as a .npy file. */
nnc_status nnc_npy_write(const char *path, const nnc_tensor *tensor);

/** Loads a model compiled as a shared library. `weights_path` names a
 *  safetensors file; NULL uses the embedded weights or, for a model compiled
 *  with external weights, the file with the library's name and the
 *  `.safetensors` extension beside it. */
nnc_status nnc_model_load(const char *library_path, const char *weights_path,
                          nnc_model **out);
/** Wraps a model image linked into the program (an executable or object
 *  build); `weights_path` as for nnc_model_load, where NULL with external
 *  weights is an error. */
nnc_status nnc_model_from_image(const nnc_model_image *image,
                                const char *weights_path, nnc_model **out);
void nnc_model_free(nnc_model *model);

/** "cpu" or "nvptx". */
const char *nnc_model_target(const nnc_model *model);
size_t nnc_model_num_inputs(const nnc_model *model);
size_t nnc_model_num_outputs(const nnc_model *model);
nnc_status nnc_model_input_info(const nnc_model *model, size_t index,
                                nnc_tensor_info *out);
nnc_status nnc_model_output_info(const nnc_model *model, size_t index,
                                 nnc_tensor_info *out);
/** The compiler's memory plan: the bytes of the arena the model's
 *  intermediate tensors share while it runs (one allocation per run), and
 *  the bytes those tensors take added up. 0 when the model has none (or
 *  `model` is NULL). */
uint64_t nnc_model_arena_bytes(const nnc_model *model);
uint64_t nnc_model_intermediate_bytes(const nnc_model *model);

/** Runs the model. `inputs` must match the model's inputs in count, order,
 *  dtype and shape; anything else is NNC_ERROR_INVALID_ARGUMENT with a
 *  message naming the input. Each output whose `data` is NULL is allocated by
 *  the runtime (release it with nnc_tensor_release); otherwise its dtype and
 *  shape must match and its data is overwritten. */
nnc_status nnc_model_run(nnc_model *model, const nnc_tensor *inputs,
                         size_t num_inputs, nnc_tensor *outputs,
                         size_t num_outputs);

/** The command line of a compiled model executable, for any program that
 *  runs models:
 *
 *    PROGRAM [--input NAME=FILE.npy]... [--weights FILE.safetensors]
 *            [--output-dir DIR] [--bench N] [--help]
 *
 *  Runs the model linked into the program as `image`, or, when `image` is
 *  NULL, the shared library `library_path`; prints every output (or the
 *  latency) to stdout and errors to stderr. Returns the exit code: 0, 1 for
 *  an error, 2 for a usage error. `argv[0]` names the program in messages. */
int nnc_model_main(const nnc_model_image *image, const char *library_path,
                   int argc, char **argv);

/*===----------------------------------------------------------------------===*
 * Training
 *
 * `nnc compile MODEL --train` compiles a train step: one call computes the
 * loss on a batch, its gradients and one optimizer update of every param.
 * A trainer holds what persists between steps: the params and buffers
 * (loaded from the weights), and the optimizer state (zero at the start,
 * like a new torch.optim optimizer). A training artifact also carries the
 * model's inference entry (`forward`), which evaluates the params being
 * trained.
 *
 *   nnc_trainer *t;
 *   nnc_trainer_load("libmlp-train.so", NULL, &t);
 *   for (...) nnc_trainer_step(t, batch, 2, &loss);   // x, y
 *   nnc_model *forward;
 *   nnc_trainer_forward(t, &forward);                // current params
 *   nnc_model_run(forward, &x, 1, &logits, 1);
 *   nnc_trainer_save(t, "trained.safetensors");
 *   nnc_trainer_free(t);
 *===----------------------------------------------------------------------===*/

typedef struct nnc_trainer nnc_trainer;

/** Creates a trainer for the train step image `train_step` linked into the
 *  program, with `forward` the inference image compiled from the same model
 *  (NULL if there is none). `weights_path` as for nnc_model_from_image.
 *  Every param and state must be updated by an output of the step (named
 *  alike) and the last output must be the scalar loss; anything else is
 *  NNC_ERROR_FORMAT with a message. */
nnc_status nnc_trainer_create(const nnc_model_image *train_step,
                              const nnc_model_image *forward,
                              const char *weights_path, nnc_trainer **out);
/** The same for a shared library made by `nnc compile --train --emit=lib`:
 *  its `nnc_train_step` image, and its `nnc_compiled_model` forward image
 *  when it has one. `weights_path` as for nnc_model_load. */
nnc_status nnc_trainer_load(const char *library_path,
                            const char *weights_path, nnc_trainer **out);
void nnc_trainer_free(nnc_trainer *trainer);

/** The memory plan of the train step, as nnc_model_arena_bytes and
 *  nnc_model_intermediate_bytes give it for a model. */
uint64_t nnc_trainer_arena_bytes(const nnc_trainer *trainer);
uint64_t nnc_trainer_intermediate_bytes(const nnc_trainer *trainer);

/** The batch a step takes: its inputs, in order. */
size_t nnc_trainer_num_inputs(const nnc_trainer *trainer);
nnc_status nnc_trainer_input_info(const nnc_trainer *trainer, size_t index,
                                  nnc_tensor_info *out);

/** Sets the optimizer state back to its start (zeros, step 0). */
void nnc_trainer_reset_state(nnc_trainer *trainer);

/** One optimizer step on a batch (`inputs` checked as by nnc_model_run):
 *  updates the params, the optimizer state and the buffers the step
 *  returns, and stores the batch's loss (before the update) in `*loss`. */
nnc_status nnc_trainer_step(nnc_trainer *trainer, const nnc_tensor *inputs,
                            size_t num_inputs, double *loss);

/** The inference model with the trainer's current params and buffers (a
 *  copy made by this call). The model belongs to the trainer and lives
 *  until nnc_trainer_free; each call refreshes the same model.
 *  NNC_ERROR_UNSUPPORTED when the trainer has no forward image. */
nnc_status nnc_trainer_forward(nnc_trainer *trainer, nnc_model **out);

/** Writes the current params and buffers to a safetensors file, which
 *  `nnc compile --weights` and nnc_model_load accept. */
nnc_status nnc_trainer_save(const nnc_trainer *trainer, const char *path);

/** The command line of a compiled training executable:
 *
 *    PROGRAM --data NAME=FILE.npy... [--eval NAME=FILE.npy...]
 *            [--epochs N] [--steps N] [--seed S] [--no-shuffle]
 *            [--save FILE.safetensors] [--weights FILE.safetensors]
 *            [--bench N] [--help]
 *
 *  Trains the step `train_step`, evaluating with `forward` (may be NULL),
 *  and prints one progress line per epoch. Rank-0 integer inputs of the
 *  step are random keys it supplies itself, mix(S * 2^32 + step + 1) at
 *  step `step` (from 0) with mix splitmix64's finalizer (`PROGRAM --help`);
 *  a program calling nnc_trainer_step passes its own. Returns the exit
 *  code: 0, 1 for an error, 2 for a usage error. */
int nnc_train_main(const nnc_model_image *train_step,
                   const nnc_model_image *forward, int argc, char **argv);

#ifdef __cplusplus
}
#endif

#endif /* NNC_RUNTIME_H */
