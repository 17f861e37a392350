//===- runtime/src/status.h - Errors of the runtime's C API ---------------===//
//
// Every failing call of the C API records a message for the calling thread
// (nnc_last_error) and returns an nnc_status; `fail` does both.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_STATUS_H
#define NNC_RUNTIME_STATUS_H

#include "nnc/runtime.h"

#include <string>

namespace nnc::rt {

/// Records `message` as the calling thread's last error and returns `status`.
nnc_status fail(nnc_status status, std::string message);

} // namespace nnc::rt

#endif // NNC_RUNTIME_STATUS_H
