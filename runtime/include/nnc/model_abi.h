/*===- nnc/model_abi.h - The contract between compiled models and runtime -===*
 *
 * A model compiled by `nnc compile` is an object file that defines exactly
 * one global of type `nnc_model_image`, named `nnc_compiled_model` unless
 * `--symbol=NAME` chose another name:
 *
 *   extern const nnc_model_image nnc_compiled_model;
 *
 * Everything the runtime needs to call the model is reachable from that one
 * symbol. A training artifact (`nnc compile --train`) holds two images: the
 * train step, `nnc_train_step`, and the model's inference entry,
 * `nnc_compiled_model`.
 *
 * Metadata text (NUL-terminated, one record per line, fields separated by one
 * space; shapes are `x`-separated extents, `scalar` for rank 0):
 *
 *   nnc-model 1
 *   target cpu|nvptx
 *   entry NAME
 *   arena_bytes BYTES
 *   intermediate_bytes BYTES
 *   input NAME DTYPE SHAPE
 *   param NAME DTYPE SHAPE
 *   state NAME DTYPE SHAPE
 *   buffer NAME DTYPE SHAPE
 *   derived NAME DTYPE SHAPE
 *   output NAME DTYPE SHAPE
 *
 * `arena_bytes` and `intermediate_bytes` (optional, decimal) are the
 * compiler's memory plan of the entry: the bytes of the arena its
 * intermediate tensors share while it runs, and the bytes those tensors
 * would take each in a buffer of its own.
 * DTYPE is one of f32 f64 i1 i8 i32 i64. `param` and `buffer` tensors
 * (trainable weights, and non-trainable model state such as running
 * statistics) are loaded from the weights; `state` is a train step's
 * optimizer state, which the runtime keeps and starts at zero; `input`s come
 * from the caller; a `derived` tensor is computed from the params and
 * buffers alone (a transposed weight) by the image's `prepare` function,
 * which the runtime calls once the weights are bound and again whenever they
 * change. The order of the lines is the order of the entry's arguments: the
 * entry takes every input, param, state, buffer and derived tensor in that
 * order, then one destination per output. `prepare` (NULL when there are no
 * derived tensors) takes every param and buffer in the same order, then one
 * destination per derived tensor. Argument names are unique, and so
 * are output names; an output of a train step carries the name of the param,
 * state or buffer it replaces, and its last output is the scalar loss.
 *
 * The entry takes `void **args`, one pointer per argument, each pointing to a
 * ranked memref descriptor in MLIR's layout:
 *
 *   struct { void *allocated; void *aligned; int64_t offset;
 *            int64_t sizes[rank]; int64_t strides[rank]; }
 *
 * Tensors are dense and row-major (strides are the suffix products of the
 * sizes, offset 0). Outputs are written into caller-owned buffers.
 *
 * Weights: `weights` points to a safetensors image holding every param and
 * buffer by name, or is NULL (with `weights_size` 0) when the model was
 * compiled to read its weights from a safetensors file at load time (or, for
 * the inference image of a training artifact, takes them from the trainer).
 *===----------------------------------------------------------------------===*/
#ifndef NNC_MODEL_ABI_H
#define NNC_MODEL_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Version of this contract; bumped on any incompatible change. */
#define NNC_MODEL_ABI_VERSION 2u

typedef struct nnc_model_image {
  uint32_t abi_version;           /**< NNC_MODEL_ABI_VERSION at compile time */
  const char *metadata;           /**< the metadata text described above */
  void (*entry)(void **args);     /**< the packed entry point */
  const uint8_t *weights;         /**< embedded safetensors image, or NULL */
  uint64_t weights_size;          /**< its size in bytes, 0 when NULL */
  void (*prepare)(void **args);   /**< computes the derived tensors, or NULL */
} nnc_model_image;

#ifdef __cplusplus
}
#endif

#endif /* NNC_MODEL_ABI_H */
