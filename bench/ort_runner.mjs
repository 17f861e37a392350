//===- bench/ort_runner.mjs - Times an ONNX model in ONNX Runtime ---------===//
//
//   node bench/ort_runner.mjs ORT_DIR MODEL.onnx INPUT_DIR OUT_DIR \
//        WARMUP BUDGET_S MAX_RUNS
//
// Loads onnxruntime-node from ORT_DIR/node_modules (bench/run installs it
// there), opens MODEL.onnx with 2 intra-op threads and 1 inter-op thread
// (sequential execution, all graph optimizations), feeds every graph input
// NAME from INPUT_DIR/NAME.npy, writes every output to OUT_DIR/NAME.npy,
// makes up to WARMUP untimed runs (stopping after a quarter of BUDGET_S),
// then times runs until BUDGET_S seconds have passed or MAX_RUNS runs were
// made (at least one). Prints one JSON line:
// median_ms, min_ms, runs, ort_version and peak_mb (VmHWM after the runs).

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const INTRA_OP_THREADS = 2;

/// The numpy dtypes this runner reads and writes, with their ORT types.
const DTYPES = {
  "<f4": ["float32", Float32Array],
  "<f8": ["float64", Float64Array],
  "<i4": ["int32", Int32Array],
  "<i8": ["int64", BigInt64Array],
};

/// Reads a little-endian, C-ordered .npy file into an ort.Tensor.
function readNpy(ort, file) {
  const bytes = fs.readFileSync(file);
  if (bytes.toString("latin1", 1, 6) !== "NUMPY")
    throw new Error(`${file}: not a .npy file`);
  const major = bytes[6];
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = (major === 1 ? 10 : 12) + headerLength;
  const header = bytes.toString("latin1", major === 1 ? 10 : 12, start);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*True/.test(header);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !(descr in DTYPES) || fortran || shapeText === undefined)
    throw new Error(`${file}: unsupported .npy header ${header.trim()}`);
  const dims = shapeText.split(",").map((s) => s.trim()).filter((s) => s).map(Number);
  const [type, Array] = DTYPES[descr];
  const data = bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + bytes.length);
  return new ort.Tensor(type, new Array(data), dims);
}

/// Writes an ort.Tensor as a .npy file (version 1.0 header).
function writeNpy(file, tensor) {
  const descr = Object.keys(DTYPES).find((d) => DTYPES[d][0] === tensor.type);
  if (!descr) throw new Error(`output of type ${tensor.type} cannot be written as .npy`);
  const shape = tensor.dims.length === 1 ? `${tensor.dims[0]},` : tensor.dims.join(", ");
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape}), }`;
  header += " ".repeat(63 - ((10 + header.length) % 64)) + "\n";
  const prefix = Buffer.alloc(10);
  prefix.write("\x93NUMPY", 0, "latin1");
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  const data = tensor.data;
  fs.writeFileSync(file, Buffer.concat([prefix, Buffer.from(header, "latin1"),
    Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}

/// This process's peak resident memory (VmHWM) in MiB, null off Linux.
function peakResidentMib() {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function main() {
  const [ortDir, model, inputDir, outDir, warmupText, budgetText, maxText] = process.argv.slice(2);
  if (!maxText)
    throw new Error("usage: ort_runner.mjs ORT_DIR MODEL INPUT_DIR OUT_DIR WARMUP BUDGET_S MAX_RUNS");
  const require = createRequire(path.join(path.resolve(ortDir), "package.json"));
  const ort = require("onnxruntime-node");
  const version = require("onnxruntime-node/package.json").version;
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: INTRA_OP_THREADS,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
  });
  const feeds = {};
  for (const name of session.inputNames)
    feeds[name] = readNpy(ort, path.join(inputDir, `${name}.npy`));

  const outputs = await session.run(feeds);
  fs.mkdirSync(outDir, { recursive: true });
  for (const name of session.outputNames) writeNpy(path.join(outDir, `${name}.npy`), outputs[name]);

  // Warm-up: WARMUP runs, or fewer when they take a quarter of the budget.
  const budgetNs = BigInt(Math.round(Number(budgetText) * 1e9));
  const warmupStart = process.hrtime.bigint();
  for (let i = 0; i < Number(warmupText); ++i) {
    if (process.hrtime.bigint() - warmupStart >= budgetNs / 4n) break;
    await session.run(feeds);
  }
  const maxRuns = Number(maxText);
  const times = [];
  const start = process.hrtime.bigint();
  do {
    const t0 = process.hrtime.bigint();
    await session.run(feeds);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  } while (times.length < maxRuns && process.hrtime.bigint() - start < budgetNs);
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const median = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  console.log(JSON.stringify({ median_ms: median, min_ms: times[0], runs: times.length,
    ort_version: version, peak_mb: peakResidentMib() }));
}

main().catch((e) => {
  console.error(`ort_runner: error: ${e.message ?? e}`);
  process.exit(1);
});
