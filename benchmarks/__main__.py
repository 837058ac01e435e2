"""Run every benchmark and print each figure beside the floor measured in the same run (the serving benchmark also
writes its section of benchmarks/RESULTS.md; it needs PostgreSQL and Redis on this machine, as the tests do)."""

from benchmarks import (
    bench_callbacks,
    bench_foundation,
    bench_import,
    bench_publish,
    bench_ratings,
    bench_serving,
    bench_starve,
)

if __name__ == "__main__":
    bench_foundation.main()
    print()
    bench_ratings.main()
    print()
    bench_import.main()
    print()
    bench_callbacks.main()
    print()
    bench_serving.main()  # writes its section of benchmarks/RESULTS.md
    print()
    bench_starve.main()
    print()
    bench_publish.main()
