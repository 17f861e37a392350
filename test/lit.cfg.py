# lit configuration for nnc's IR, pass, codegen and tool tests.
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "nnc"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
# e2e/, grad/, optim/ and train/ hold models that ctest compiles and runs,
# not lit tests.
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "Inputs",
                   "arch", "e2e", "grad", "optim", "runtime", "train"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.nnc_obj_root, "test")

config.substitutions.append(("%nnc_src", config.nnc_src_root))
config.substitutions.append(("%python", config.python_executable))
# mlir-runner runs lowered IR on the host (passes whose output is checked
# by computing with it); these libraries give it vector.print.
config.substitutions.append(("%mlir_runner_libs", ",".join(
    os.path.join(config.llvm_lib_dir, name)
    for name in ("libmlir_c_runner_utils.so", "libmlir_runner_utils.so"))))

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.add_tool_substitutions(["nnc-opt", "nnc"], [config.nnc_tools_dir])

if config.ptxas:
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", config.ptxas))
