"""Reading a person's own files (texts or ready-made vectors) and writing vectors back out.

Everything works on bytes in memory: nothing is written to disk. Each reader returns the data
plus plain-language `notes` on what it changed, and refuses a file it cannot read with a
`FileFormatError` that names the problem and the fix.

- `tables`: text tables (CSV, TSV, TXT, Excel .xlsx, Parquet) -> `UploadedTable` -> texts and labels.
- `vectors`: ``.npy``, CSV/TSV of numbers (optionally with text and label columns), Parquet and the
  TensorFlow Embedding Projector pair ``vectors.tsv`` + ``metadata.tsv``, in and out.
- `formats`: the accepted formats, the errors and the byte-level readers both share.
"""

from .formats import (
    DEFAULT_MAX_ROWS,
    DEFAULT_MAX_VECTORS,
    TABLE_EXTENSIONS,
    VECTOR_EXTENSIONS,
    FileFormatError,
    TooManyRowsError,
)
from .tables import NO_LABEL, UploadedTable, read_table, table_texts
from .vectors import (
    export_coordinates,
    export_npy,
    export_parquet,
    export_projector,
    export_vectors_csv,
    read_vectors,
)

__all__ = [
    "DEFAULT_MAX_ROWS",
    "DEFAULT_MAX_VECTORS",
    "NO_LABEL",
    "TABLE_EXTENSIONS",
    "VECTOR_EXTENSIONS",
    "FileFormatError",
    "TooManyRowsError",
    "UploadedTable",
    "export_coordinates",
    "export_npy",
    "export_parquet",
    "export_projector",
    "export_vectors_csv",
    "read_table",
    "read_vectors",
    "table_texts",
]
