"""Pure statistics (intervals, comparisons, trends, RAG). No Dash, no SQL, no I/O."""
