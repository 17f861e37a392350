//===- runtime/src/weights.cpp - Binding a model's params to its weights --===//
//
// Params and buffers are copied out of the safetensors image into 64-byte
// aligned buffers: safetensors offsets guarantee no alignment, and the
// copies let a weights file be released as soon as the model is loaded.
//
//===----------------------------------------------------------------------===//

#include "weights.h"

#include "safetensors.h"
#include "status.h"
#include "tensor.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace nnc::rt {
namespace {

/// Frees memory from std::malloc when it goes out of scope.
struct FreeDeleter {
  void operator()(void *pointer) const { std::free(pointer); }
};
using Bytes = std::unique_ptr<uint8_t, FreeDeleter>;

/// Reads the whole file at `path` into `*bytes`.
nnc_status readFile(const std::string &path, Bytes *bytes, size_t *size) {
  std::FILE *file = std::fopen(path.c_str(), "rb");
  if (!file)
    return fail(NNC_ERROR_IO, path + ": cannot open: " + std::strerror(errno));
  long length = -1;
  if (std::fseek(file, 0, SEEK_END) == 0)
    length = std::ftell(file);
  if (length < 0 || std::fseek(file, 0, SEEK_SET) != 0) {
    std::fclose(file);
    return fail(NNC_ERROR_IO, path + ": cannot determine its size");
  }
  const auto total = static_cast<size_t>(length);
  bytes->reset(static_cast<uint8_t *>(std::malloc(total > 0 ? total : 1)));
  if (!*bytes) {
    std::fclose(file);
    return fail(NNC_ERROR_OUT_OF_MEMORY,
                path + ": out of memory reading " + std::to_string(total) +
                    " bytes");
  }
  const size_t read = std::fread(bytes->get(), 1, total, file);
  std::fclose(file);
  if (read != total)
    return fail(NNC_ERROR_IO, path + ": read failed");
  *size = total;
  return NNC_OK;
}

/// Checks `tensor` against `param` (a param or buffer, as `what` says) and
/// copies it into an aligned buffer.
nnc_status bindParam(const std::string &origin, const char *what,
                     const TensorDecl &param, const SafetensorsTensor &tensor,
                     void **data) {
  const std::string where = std::string(what) + " '" + param.name + "': ";
  const std::string expectedTag = safetensorsDtypeTag(param.dtype);
  if (tensor.dtype != expectedTag)
    return fail(NNC_ERROR_FORMAT, where + origin + " holds dtype " +
                                      tensor.dtype + ", the model expects " +
                                      expectedTag + " (" +
                                      nnc_dtype_name(param.dtype) + ")");
  bool sameShape = tensor.shape.size() == static_cast<size_t>(param.rank);
  for (int32_t i = 0; sameShape && i < param.rank; ++i)
    sameShape = tensor.shape[static_cast<size_t>(i)] == param.shape[i];
  if (!sameShape) {
    const std::string held = formatShape(
        static_cast<int32_t>(tensor.shape.size()), tensor.shape.data());
    return fail(NNC_ERROR_FORMAT,
                where + origin + " holds shape " + held +
                    ", the model expects " +
                    formatShape(param.rank, param.shape));
  }
  *data = allocateBuffer(tensor.bytes);
  if (!*data)
    return fail(NNC_ERROR_OUT_OF_MEMORY,
                where + "out of memory copying " +
                    std::to_string(tensor.bytes) + " bytes");
  std::memcpy(*data, tensor.data, tensor.bytes);
  return NNC_OK;
}

} // namespace

nnc_status loadWeights(nnc_model *model, const char *path) {
  const ModelMetadata &metadata = model->metadata;
  if (metadata.params.empty() && metadata.buffers.empty())
    return NNC_OK;

  Bytes fileBytes;
  const uint8_t *image = nullptr;
  size_t size = 0;
  std::string origin;
  if (path) {
    origin = path;
    nnc_status status = readFile(origin, &fileBytes, &size);
    if (status != NNC_OK)
      return status;
    image = fileBytes.get();
  } else if (model->image->weights) {
    origin = "embedded weights";
    image = model->image->weights;
    size = static_cast<size_t>(model->image->weights_size);
  } else {
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                "the model was compiled with external weights: pass the "
                "safetensors file to load them from");
  }

  SafetensorsIndex index;
  nnc_status status = parseSafetensors(image, size, origin, &index);
  if (status != NNC_OK)
    return status;
  struct Kind {
    const char *what;
    const std::vector<TensorDecl> &decls;
    std::vector<void *> &data;
  };
  for (const Kind &kind : {Kind{"param", metadata.params, model->paramData},
                           Kind{"buffer", metadata.buffers,
                                model->bufferData}}) {
    for (const TensorDecl &param : kind.decls) {
      const SafetensorsTensor *tensor = index.find(param.name);
      if (!tensor)
        return fail(NNC_ERROR_FORMAT, std::string(kind.what) + " '" +
                                          param.name + "' is missing from " +
                                          origin);
      kind.data.push_back(nullptr);
      status = bindParam(origin, kind.what, param, *tensor, &kind.data.back());
      if (status != NNC_OK)
        return status;
    }
  }
  return NNC_OK;
}

} // namespace nnc::rt
