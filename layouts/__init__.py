"""Pure view functions: page layouts and components built from plain data. No SQL, no callbacks."""
