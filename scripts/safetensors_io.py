"""Minimal reader and writer for the safetensors format (numpy only).

Layout: an 8-byte little-endian unsigned header length N, then N bytes of a
UTF-8 JSON header mapping each tensor name to
``{"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}`` (offsets
relative to the byte buffer that follows the header; an optional
``"__metadata__"`` entry maps strings to strings), then the raw little-endian
tensor data. The writer pads the header with spaces to a multiple of 8 bytes
so the data buffer stays aligned.

Shared by test/e2e/mlp/make_golden.py and bench/run (import it after putting
this directory on sys.path).
"""

import json
import struct

import numpy as np

# safetensors dtype tag <-> little-endian numpy dtype
_DTYPES = {
    "F64": np.dtype("<f8"),
    "F32": np.dtype("<f4"),
    "F16": np.dtype("<f2"),
    "I64": np.dtype("<i8"),
    "I32": np.dtype("<i4"),
    "I16": np.dtype("<i2"),
    "I8": np.dtype("i1"),
    "U8": np.dtype("u1"),
    "BOOL": np.dtype("?"),
}


def _tag_for(dtype):
    dtype = np.dtype(dtype)
    if dtype.byteorder == ">":
        dtype = dtype.newbyteorder("<")
    for tag, dt in _DTYPES.items():
        if dt == dtype:
            return tag
    raise ValueError(f"safetensors_io: unsupported dtype {dtype}")


def save(tensors, path, metadata=None):
    """Writes a dict name -> numpy array to ``path`` in safetensors format.

    Tensors are written in the dict's order, each C-contiguous little-endian.
    """
    header = {}
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    blobs = []
    offset = 0
    for name, array in tensors.items():
        array = np.asarray(array)
        tag = _tag_for(array.dtype)
        data = np.ascontiguousarray(array, dtype=_DTYPES[tag]).tobytes()
        header[name] = {
            "dtype": tag,
            "shape": [int(d) for d in array.shape],
            "data_offsets": [offset, offset + len(data)],
        }
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for data in blobs:
            f.write(data)


def load(path):
    """Reads a safetensors file; returns a dict name -> numpy array (a copy,
    in file order). Raises ValueError on a malformed file."""
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        raise ValueError(f"{path}: too short for a safetensors file")
    (n,) = struct.unpack("<Q", raw[:8])
    if 8 + n > len(raw):
        raise ValueError(f"{path}: header length {n} runs past the end of the file")
    try:
        header = json.loads(raw[8:8 + n].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValueError(f"{path}: bad JSON header: {e}") from None
    buf = memoryview(raw)[8 + n:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        tag = info["dtype"]
        if tag not in _DTYPES:
            raise ValueError(f"{path}: tensor {name!r} has unsupported dtype {tag}")
        dt = _DTYPES[tag]
        shape = tuple(int(d) for d in info["shape"])
        begin, end = (int(v) for v in info["data_offsets"])
        count = 1
        for d in shape:
            count *= d
        if not (0 <= begin <= end <= len(buf)) or end - begin != count * dt.itemsize:
            raise ValueError(f"{path}: tensor {name!r} has bad data_offsets {[begin, end]}")
        out[name] = np.frombuffer(buf[begin:end], dtype=dt).reshape(shape).copy()
    return out
