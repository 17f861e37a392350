//===- CommandLine.cpp - Option parsing shared by nnc's commands ----------===//

#include "tools/nnc/CommandLine.h"

#include "llvm/ADT/StringRef.h"

#include <cmath>

namespace nnc {

bool takeValue(const std::vector<std::string> &args, size_t &i,
               const std::string &key, std::string &value) {
  const std::string &arg = args[i];
  if (arg.rfind(key + "=", 0) == 0) {
    value = arg.substr(key.size() + 1);
    return true;
  }
  if (arg == key && i + 1 < args.size()) {
    value = args[++i];
    return true;
  }
  return false;
}

bool takeNumber(const std::vector<std::string> &args, size_t &i,
                const char *name, double *field, std::string &error) {
  std::string value;
  if (!takeValue(args, i, name, value))
    return false;
  double number = 0;
  if (llvm::StringRef(value).getAsDouble(number) || !std::isfinite(number))
    error = std::string(name) + " takes a number, got '" + value + "'";
  else
    *field = number;
  return true;
}

} // namespace nnc
