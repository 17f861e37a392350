//===- runtime/src/argument_check.h - Caller tensors against metadata -----===//
//
// The checks every call into compiled code makes first: the caller passed as
// many tensors as the model declares, and each has the declared dtype and
// shape. Failures are NNC_ERROR_INVALID_ARGUMENT naming the tensor.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_ARGUMENT_CHECK_H
#define NNC_RUNTIME_ARGUMENT_CHECK_H

#include "metadata.h"

#include <vector>

namespace nnc::rt {

/// Checks that the caller's `tensor` matches `decl` (`what` is "input" or
/// "output").
nnc_status checkTensor(const char *what, const TensorDecl &decl,
                       const nnc_tensor &tensor);

/// Checks a caller's array of `count` tensors against `decls`.
nnc_status checkCount(const char *what, const std::vector<TensorDecl> &decls,
                      const void *array, size_t count);

} // namespace nnc::rt

#endif // NNC_RUNTIME_ARGUMENT_CHECK_H
