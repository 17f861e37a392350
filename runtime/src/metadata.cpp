//===- runtime/src/metadata.cpp - Model metadata parser -------------------===//
//
// One record per line, fields separated by single spaces; see metadata.h.
//
//===----------------------------------------------------------------------===//

#include "metadata.h"

#include "status.h"
#include "tensor.h"

#include <set>
#include <string_view>

namespace nnc::rt {
namespace {

/// `line` split on single spaces (empty fields kept, so doubled spaces are
/// caught as errors).
std::vector<std::string_view> splitFields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    const size_t space = line.find(' ', start);
    fields.push_back(line.substr(start, space - start));
    if (space == std::string_view::npos)
      return fields;
    start = space + 1;
  }
}

/// A decimal extent with no sign; false if `text` is not one.
bool parseExtent(std::string_view text, int64_t *out) {
  if (text.empty())
    return false;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9')
      return false;
    if (value > (INT64_MAX - (c - '0')) / 10)
      return false;
    value = value * 10 + (c - '0');
  }
  *out = value;
  return true;
}

/// `scalar` or `AxBxC` into a rank and shape; an error sentence otherwise.
bool parseShape(std::string_view text, TensorDecl *decl, std::string *error) {
  decl->rank = 0;
  if (text == "scalar")
    return true;
  size_t start = 0;
  while (true) {
    const size_t x = text.find('x', start);
    if (decl->rank == NNC_MAX_RANK) {
      *error = "shape '" + std::string(text) + "' has rank above " +
               std::to_string(NNC_MAX_RANK);
      return false;
    }
    if (!parseExtent(text.substr(start, x - start),
                     &decl->shape[decl->rank])) {
      *error = "bad shape '" + std::string(text) +
               "' (expected extents joined by 'x', or 'scalar')";
      return false;
    }
    ++decl->rank;
    if (x == std::string_view::npos)
      return true;
    start = x + 1;
  }
}

/// Builds the metadata line by line.
class MetadataParser {
public:
  explicit MetadataParser(ModelMetadata *out) : out_(out) {}

  nnc_status parse(std::string_view text) {
    size_t start = 0;
    while (start < text.size()) {
      const size_t newline = text.find('\n', start);
      const std::string_view line = text.substr(start, newline - start);
      ++lineNumber_;
      if (!line.empty()) {
        nnc_status status = parseLine(line);
        if (status != NNC_OK)
          return status;
      }
      if (newline == std::string_view::npos)
        break;
      start = newline + 1;
    }
    if (!sawHeader_)
      return fail(NNC_ERROR_FORMAT,
                  "model metadata is empty (expected 'nnc-model 1')");
    if (out_->target.empty())
      return fail(NNC_ERROR_FORMAT, "model metadata has no 'target' line");
    if (out_->entry.empty())
      return fail(NNC_ERROR_FORMAT, "model metadata has no 'entry' line");
    if (out_->outputs.empty())
      return fail(NNC_ERROR_FORMAT, "model metadata declares no outputs");
    return NNC_OK;
  }

private:
  nnc_status error(const std::string &message) {
    return fail(NNC_ERROR_FORMAT, "model metadata line " +
                                      std::to_string(lineNumber_) + ": " +
                                      message);
  }

  nnc_status parseLine(std::string_view line) {
    const std::vector<std::string_view> fields = splitFields(line);
    const std::string_view record = fields[0];
    if (!sawHeader_) {
      if (record != "nnc-model" || fields.size() != 2)
        return error("expected 'nnc-model " +
                     std::to_string(kMetadataVersion) + "', got '" +
                     std::string(line) + "'");
      if (fields[1] != std::to_string(kMetadataVersion))
        return fail(NNC_ERROR_UNSUPPORTED,
                    "model metadata version " + std::string(fields[1]) +
                        " is not supported (this runtime reads version " +
                        std::to_string(kMetadataVersion) + ")");
      sawHeader_ = true;
      return NNC_OK;
    }
    if (record == "target")
      return parseTarget(fields);
    if (record == "entry")
      return parseEntry(fields);
    if (record == "arena_bytes")
      return parseByteCount(fields, &sawArena_, &out_->arenaBytes);
    if (record == "intermediate_bytes")
      return parseByteCount(fields, &sawIntermediates_,
                            &out_->intermediateBytes);
    if (record == "input")
      return parseTensor(fields, ArgKind::Input, &out_->inputs);
    if (record == "param")
      return parseTensor(fields, ArgKind::Param, &out_->params);
    if (record == "state")
      return parseTensor(fields, ArgKind::State, &out_->states);
    if (record == "buffer")
      return parseTensor(fields, ArgKind::Buffer, &out_->buffers);
    if (record == "derived")
      return parseTensor(fields, ArgKind::Derived, &out_->derived);
    if (record == "output")
      return parseTensor(fields, ArgKind::Output, &out_->outputs);
    return error("unknown record '" + std::string(record) + "'");
  }

  nnc_status parseTarget(const std::vector<std::string_view> &fields) {
    if (fields.size() != 2)
      return error("expected 'target cpu' or 'target nvptx'");
    if (!out_->target.empty())
      return error("second 'target' line");
    if (fields[1] != "cpu" && fields[1] != "nvptx")
      return error("unknown target '" + std::string(fields[1]) +
                   "' (expected cpu or nvptx)");
    out_->target = std::string(fields[1]);
    return NNC_OK;
  }

  nnc_status parseEntry(const std::vector<std::string_view> &fields) {
    if (fields.size() != 2 || fields[1].empty())
      return error("expected 'entry NAME'");
    if (!out_->entry.empty())
      return error("second 'entry' line");
    out_->entry = std::string(fields[1]);
    return NNC_OK;
  }

  /// `RECORD BYTES`, at most once (`*seen` says whether it came before).
  nnc_status parseByteCount(const std::vector<std::string_view> &fields,
                            bool *seen, int64_t *out) {
    const std::string record(fields[0]);
    if (fields.size() != 2 || !parseExtent(fields[1], out))
      return error("expected '" + record + " BYTES' with a decimal count");
    if (*seen)
      return error("second '" + record + "' line");
    *seen = true;
    return NNC_OK;
  }

  nnc_status parseTensor(const std::vector<std::string_view> &fields,
                         ArgKind kind, std::vector<TensorDecl> *list) {
    const std::string record(fields[0]);
    if (fields.size() != 4 || fields[1].empty())
      return error("expected '" + record + " NAME DTYPE SHAPE'");
    TensorDecl decl;
    decl.name = std::string(fields[1]);
    // An output may share its name with the argument it replaces (a train
    // step's new params); names are unique on each side.
    std::set<std::string> &names =
        kind == ArgKind::Output ? outputNames_ : argumentNames_;
    const char *side = kind == ArgKind::Output ? "output" : "argument";
    if (!names.insert(decl.name).second)
      return error(std::string("duplicate ") + side + " name '" + decl.name +
                   "'");
    if (!parseDtype(fields[2], &decl.dtype))
      return error(record + " '" + decl.name + "': unknown dtype '" +
                   std::string(fields[2]) +
                   "' (expected f32, f64, i1, i8, i32 or i64)");
    std::string shapeError;
    if (!parseShape(fields[3], &decl, &shapeError))
      return error(record + " '" + decl.name + "': " + shapeError);
    if (kind == ArgKind::Output)
      sawOutput_ = true;
    else if (sawOutput_)
      return error(record + " '" + decl.name +
                   "' follows an output; outputs must come last");
    out_->arguments.push_back({kind, list->size()});
    list->push_back(std::move(decl));
    return NNC_OK;
  }

  ModelMetadata *out_;
  int lineNumber_ = 0;
  bool sawHeader_ = false;
  bool sawOutput_ = false;
  bool sawArena_ = false;
  bool sawIntermediates_ = false;
  std::set<std::string> argumentNames_;
  std::set<std::string> outputNames_;
};

} // namespace

size_t TensorDecl::bytes() const {
  int64_t count = 0;
  countElements(rank, shape, &count);
  return static_cast<size_t>(count) * nnc_dtype_size(dtype);
}

bool TensorDecl::sameType(const TensorDecl &other) const {
  if (dtype != other.dtype || rank != other.rank)
    return false;
  for (int32_t d = 0; d < rank; ++d)
    if (shape[d] != other.shape[d])
      return false;
  return true;
}

const TensorDecl &ModelMetadata::decl(const EntryArg &arg) const {
  switch (arg.kind) {
  case ArgKind::Input:
    return inputs[arg.index];
  case ArgKind::Param:
    return params[arg.index];
  case ArgKind::State:
    return states[arg.index];
  case ArgKind::Buffer:
    return buffers[arg.index];
  case ArgKind::Derived:
    return derived[arg.index];
  case ArgKind::Output:
    break;
  }
  return outputs[arg.index];
}

nnc_status parseMetadata(const char *text, ModelMetadata *out) {
  *out = ModelMetadata();
  if (!text)
    return fail(NNC_ERROR_FORMAT, "model image has no metadata");
  return MetadataParser(out).parse(text);
}

} // namespace nnc::rt
