//===- runtime/src/model_load.cpp - Loading and freeing models ------------===//
//
// A model comes from an image: one linked into the program, or the
// `nnc_compiled_model` symbol of a shared library opened with dlopen. Loading
// checks the ABI version, parses the metadata and binds the weights. The
// trainer (trainer.cpp) makes its train step model the same way.
//
//===----------------------------------------------------------------------===//

#include "entry_call.h"
#include "model.h"
#include "status.h"
#include "tensor.h"
#include "weights.h"

#include <dlfcn.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <new>
#include <string>

using namespace nnc::rt;

namespace {

/// Opens the shared library at `path` and finds the model image `symbol` in
/// it; `*library` is the dlopen handle to close when done.
nnc_status openModelLibrary(const std::string &path, const char *symbol,
                            void **library, const nnc_model_image **image) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0)
    return fail(NNC_ERROR_IO, path + ": cannot open: " + std::strerror(errno));
  // dlopen searches the library path for names without a slash; a model is
  // always the file named.
  const std::string openPath =
      path.find('/') == std::string::npos ? "./" + path : path;
  *library = dlopen(openPath.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!*library) {
    const char *why = dlerror();
    return fail(NNC_ERROR_FORMAT, path + ": cannot load the model library: " +
                                      (why ? why : "unknown dlopen error"));
  }
  *image = static_cast<const nnc_model_image *>(dlsym(*library, symbol));
  if (!*image) {
    dlclose(*library);
    *library = nullptr;
    return fail(NNC_ERROR_FORMAT, path + ": no '" + symbol +
                                      "' symbol (not a model compiled by "
                                      "nnc?)");
  }
  return NNC_OK;
}

} // namespace

std::string nnc::rt::weightsBeside(const std::string &path) {
  const size_t slash = path.rfind('/');
  const size_t dot = path.rfind('.');
  const bool hasExtension =
      dot != std::string::npos &&
      (slash == std::string::npos || dot > slash + 1);
  return (hasExtension ? path.substr(0, dot) : path) + ".safetensors";
}

nnc_status nnc::rt::newModel(const nnc_model_image *image, nnc_model **out) {
  if (image->abi_version != NNC_MODEL_ABI_VERSION)
    return fail(NNC_ERROR_UNSUPPORTED,
                "model ABI version " + std::to_string(image->abi_version) +
                    " is not supported (this runtime reads version " +
                    std::to_string(NNC_MODEL_ABI_VERSION) + ")");
  if (!image->entry)
    return fail(NNC_ERROR_FORMAT, "model image has no entry function");
  nnc_model *model = new (std::nothrow) nnc_model;
  if (!model)
    return fail(NNC_ERROR_OUT_OF_MEMORY, "out of memory creating a model");
  model->image = image;
  nnc_status status = parseMetadata(image->metadata, &model->metadata);
  if (status != NNC_OK) {
    nnc_model_free(model);
    return status;
  }
  *out = model;
  return NNC_OK;
}

nnc_status nnc::rt::prepareDerived(nnc_model *model) {
  const ModelMetadata &meta = model->metadata;
  if (meta.derived.empty())
    return NNC_OK;
  if (!model->image->prepare)
    return fail(NNC_ERROR_FORMAT, "model image declares derived tensors but "
                                  "has no prepare function");
  for (size_t i = model->derivedData.size(); i < meta.derived.size(); ++i) {
    model->derivedData.push_back(allocateBuffer(meta.derived[i].bytes()));
    if (!model->derivedData.back())
      return fail(NNC_ERROR_OUT_OF_MEMORY,
                  "out of memory for derived tensor '" + meta.derived[i].name +
                      "'");
  }
  return callPrepare(model->image, meta, model->paramData, model->bufferData,
                     model->derivedData);
}

nnc_status nnc::rt::createModel(const nnc_model_image *image, void *library,
                                const char *weightsPath, nnc_model **out) {
  nnc_model *model = nullptr;
  nnc_status status = newModel(image, &model);
  if (status != NNC_OK) {
    if (library)
      dlclose(library);
    return status;
  }
  model->library = library;
  status = loadWeights(model, weightsPath);
  if (status == NNC_OK)
    status = prepareDerived(model);
  if (status != NNC_OK) {
    nnc_model_free(model);
    return status;
  }
  *out = model;
  return NNC_OK;
}

nnc_status nnc::rt::loadFromLibrary(const std::string &path, const char *symbol,
                                    const char *weightsPath,
                                    const LibraryImageCreator &create) {
  void *library = nullptr;
  const nnc_model_image *image = nullptr;
  nnc_status status = openModelLibrary(path, symbol, &library, &image);
  if (status != NNC_OK)
    return status;
  std::string defaultWeights;
  if (!weightsPath && !image->weights) {
    defaultWeights = weightsBeside(path);
    weightsPath = defaultWeights.c_str();
  }
  status = create(image, library, weightsPath);
  if (status != NNC_OK)
    fail(status, path + ": " + nnc_last_error());
  return status;
}

extern "C" {

nnc_status nnc_model_from_image(const nnc_model_image *image,
                                const char *weights_path, nnc_model **out) {
  if (!image || !out)
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                "nnc_model_from_image: null argument");
  return createModel(image, nullptr, weights_path, out);
}

nnc_status nnc_model_load(const char *library_path, const char *weights_path,
                          nnc_model **out) {
  if (!library_path || !out)
    return fail(NNC_ERROR_INVALID_ARGUMENT, "nnc_model_load: null argument");
  return loadFromLibrary(
      library_path, kModelImageSymbol, weights_path,
      [out](const nnc_model_image *image, void *library, const char *weights) {
        return createModel(image, library, weights, out);
      });
}

void nnc_model_free(nnc_model *model) {
  if (!model)
    return;
  freeBuffers(model->paramData);
  freeBuffers(model->bufferData);
  freeBuffers(model->derivedData);
  if (model->library)
    dlclose(model->library);
  delete model;
}

} // extern "C"
