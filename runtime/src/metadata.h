//===- runtime/src/metadata.h - Model metadata parser ---------------------===//
//
// Parses the metadata text of a model image (format in nnc/model_abi.h):
//
//   nnc-model 1
//   target cpu
//   entry mlp
//   arena_bytes 8192
//   intermediate_bytes 12608
//   input x f32 8x64
//   param fc1.weight f32 64x128
//   output y f32 8x10
//
// and, for a train step, `state` (optimizer state) and `buffer`
// (non-trainable model state) records beside the params; `derived` records
// name what the image's prepare function computes from the weights.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_METADATA_H
#define NNC_RUNTIME_METADATA_H

#include "nnc/runtime.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace nnc::rt {

/// The metadata version this runtime reads.
constexpr int kMetadataVersion = 1;

/// One input, param, state, buffer, derived tensor or output of a model.
struct TensorDecl {
  std::string name;
  nnc_dtype dtype = NNC_F32;
  int32_t rank = 0;
  int64_t shape[NNC_MAX_RANK] = {};

  /// Bytes of the dense tensor it declares.
  size_t bytes() const;
  /// Whether `other` has the same dtype and shape.
  bool sameType(const TensorDecl &other) const;
};

/// Which list an entry argument comes from.
enum class ArgKind { Input, Param, State, Buffer, Derived, Output };

/// One argument of the model's entry: its list, and its index there.
struct EntryArg {
  ArgKind kind;
  size_t index;
};

/// Everything the metadata text says.
struct ModelMetadata {
  /// "cpu" or "nvptx".
  std::string target;
  /// Name of the model's entry function (informational).
  std::string entry;
  /// Bytes of the arena the entry's intermediate tensors share, and the
  /// bytes those tensors take added up (the compiler's memory plan; 0 when
  /// the metadata does not say).
  int64_t arenaBytes = 0;
  int64_t intermediateBytes = 0;
  std::vector<TensorDecl> inputs;
  std::vector<TensorDecl> params;
  /// Optimizer state of a train step (starts at zero).
  std::vector<TensorDecl> states;
  /// Non-trainable tensors loaded from the weights like params.
  std::vector<TensorDecl> buffers;
  /// Tensors the image's prepare function computes from the params and
  /// buffers.
  std::vector<TensorDecl> derived;
  std::vector<TensorDecl> outputs;
  /// The entry's arguments in order: inputs, params, states and buffers as
  /// their lines interleave, then the outputs.
  std::vector<EntryArg> arguments;

  /// The declaration an entry argument stands for.
  const TensorDecl &decl(const EntryArg &arg) const;
};

/// Parses `text` into `out`. A malformed text is NNC_ERROR_FORMAT, another
/// version NNC_ERROR_UNSUPPORTED; the message names the line.
nnc_status parseMetadata(const char *text, ModelMetadata *out);

} // namespace nnc::rt

#endif // NNC_RUNTIME_METADATA_H
