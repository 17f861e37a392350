//===- runtime/src/argument_check.cpp - Caller tensors against metadata ---===//

#include "argument_check.h"

#include "status.h"
#include "tensor.h"

#include <string>

namespace nnc::rt {
namespace {

/// `x, y` for error messages.
std::string listNames(const std::vector<TensorDecl> &decls) {
  std::string names;
  for (const TensorDecl &decl : decls)
    names += (names.empty() ? "" : ", ") + decl.name;
  return names.empty() ? "none" : names;
}

} // namespace

nnc_status checkTensor(const char *what, const TensorDecl &decl,
                       const nnc_tensor &tensor) {
  const std::string where = std::string(what) + " '" + decl.name + "': ";
  const std::string expected =
      "expected shape " + describe(decl.dtype, decl.rank, decl.shape);
  if (tensor.rank < 0 || tensor.rank > NNC_MAX_RANK)
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                where + expected + ", got rank " +
                    std::to_string(tensor.rank));
  bool same = tensor.dtype == decl.dtype && tensor.rank == decl.rank;
  for (int32_t i = 0; same && i < decl.rank; ++i)
    same = tensor.shape[i] == decl.shape[i];
  if (!same)
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                where + expected + ", got " +
                    describe(tensor.dtype, tensor.rank, tensor.shape));
  if (!tensor.data && nnc_tensor_nbytes(&tensor) > 0)
    return fail(NNC_ERROR_INVALID_ARGUMENT, where + "data is null");
  return NNC_OK;
}

nnc_status checkCount(const char *what, const std::vector<TensorDecl> &decls,
                      const void *array, size_t count) {
  if (count != decls.size())
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                "expected " + std::to_string(decls.size()) + " " + what +
                    "s (" + listNames(decls) + "), got " +
                    std::to_string(count));
  if (count > 0 && !array)
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                std::string("null ") + what + "s array");
  return NNC_OK;
}

} // namespace nnc::rt
