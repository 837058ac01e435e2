"""Run every benchmark and print each figure beside the floor measured in the same run."""

from benchmarks import bench_callbacks, bench_foundation, bench_import, bench_ratings

if __name__ == "__main__":
    bench_foundation.main()
    print()
    bench_ratings.main()
    print()
    bench_import.main()
    print()
    bench_callbacks.main()
